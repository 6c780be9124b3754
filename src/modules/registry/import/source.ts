import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../core/errors';
import type { Keyring } from '../lib/pii';
import type { RosterSummary } from './parse';
import { PreparedRoster, type PrepareKeys, type PrepareOptions, type PreparedBatch } from './prepare';
import type { PrepareWorkerData, PrepareWorkerGrant, PrepareWorkerLeaveOut, PrepareWorkerMessage } from './prepare-worker';

/** Files at least this large are prepared on a worker thread; smaller ones are quicker without one. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;
/** messages (of a few batches each) the worker may have ready before the import has taken them */
const INFLIGHT = 8;

export interface PreparedSource extends AsyncIterable<PreparedBatch> {
  /** complete once iteration has ended */
  readonly summary: RosterSummary;
  /**
   * Rows prepared but not imported, by the resident id prepared for them: their search keys are
   * left out. Said before asking for the batch after the rows' end (PreparedBatch).
   */
  leaveOut(residentIds: Iterable<string>): void;
  /** stops reading (when the import ends before taking every batch) */
  close(): Promise<void>;
}

export function keysOf(keyring: Keyring): PrepareKeys {
  return { current: { id: keyring.current.id, key: keyring.current.key }, indexKey: keyring.indexKey };
}

/**
 * The roster's prepared rows, batch by batch: on a worker thread for a large file (or when `worker`
 * says so), so reading, checking, encryption and search keys run beside the import's writes;
 * otherwise in this thread. Both give the same batches.
 */
export function preparedRows(file: { path: string }, filename: string, opts: PrepareOptions, keyring: Keyring, worker?: boolean): PreparedSource {
  const useWorker = worker ?? fs.statSync(file.path).size >= WORKER_MIN_BYTES;
  if (!useWorker) return new PreparedRoster(file, filename, opts, keysOf(keyring));
  return new WorkerSource({ file, filename, opts, keys: keysOf(keyring), inflight: INFLIGHT });
}

/**
 * Node options passed on to the worker: only the profilers' (`node --cpu-prof` then profiles the
 * worker too). It must not inherit the main thread's module loaders: it registers its own.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (/^--(cpu|heap)-prof/.test(argv[i])) {
      out.push(argv[i]);
      if (/^--(cpu|heap)-prof-(dir|name|interval)$/.test(argv[i]) && i + 1 < argv.length) out.push(argv[++i]);
    }
  }
  return out;
}

class WorkerSource implements PreparedSource {
  summary: RosterSummary = { kind: null, encoding: null, sheetName: null, merges: 'none', headerRow: null, headers: [], mapping: {}, unmapped: [], rowsRead: 0, accepted: 0, rejected: 0, withWarnings: 0, duplicates: [] };
  private readonly worker: Worker;
  private readonly queue: PrepareWorkerMessage[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly left: string[] = [];

  /** The worker starts at once: it loads its modules while the import gets ready. */
  constructor(data: PrepareWorkerData) {
    const url = new URL('./prepare-worker.mjs', import.meta.url);
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData: data, execArgv: workerExecArgv() });
    } catch {
      worker = new Worker(url, { workerData: data, execArgv: [] });
    }
    this.worker = worker;
    const poke = () => {
      this.wake?.();
      this.wake = null;
    };
    this.worker.on('message', (m: PrepareWorkerMessage) => {
      this.queue.push(m);
      poke();
    });
    this.worker.on('error', (e) => {
      this.failure ??= e;
      poke();
    });
    this.worker.on('exit', (code) => {
      this.failure ??= new Error(`the roster reader stopped (exit code ${code})`);
      poke();
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<PreparedBatch> {
    try {
      for (;;) {
        const m = this.queue.shift();
        if (!m) {
          if (this.failure) throw this.failure;
          await new Promise<void>((r) => (this.wake = r));
          continue;
        }
        if (m.type === 'batches') {
          // a credit back to the worker for each message taken in: it also tells the worker how
          // far behind this thread is (PreparedRoster.handOff in prepare-worker.ts)
          this.worker.postMessage({ more: 1 } satisfies PrepareWorkerGrant);
          for (const b of m.batches) {
            // a turn of the event loop per batch, so a server importing a roster keeps answering
            // requests while batches are queued up
            await new Promise<void>((r) => setImmediate(r));
            if ('keys' in b) {
              yield { first: 0, slots: [], issues: [], open: false, keys: b.keys };
              continue;
            }
            const batch = JSON.parse(b.json) as Pick<PreparedBatch, 'first' | 'slots' | 'open'>;
            yield { first: batch.first, slots: batch.slots, open: batch.open, keys: null, issues: b.issues };
          }
        } else if (m.type === 'rows-end') {
          // every batch of rows has been taken and written
          this.worker.postMessage({ leaveOut: this.left } satisfies PrepareWorkerLeaveOut);
        } else if (m.type === 'done') {
          this.summary = m.summary;
          return;
        } else {
          const e = m.error;
          if (e.app) throw new AppError(e.status, e.code, e.params, e.fields);
          const err = new Error(e.message);
          if (e.stack) err.stack = e.stack;
          throw err;
        }
      }
    } finally {
      await this.close();
    }
  }

  leaveOut(residentIds: Iterable<string>): void {
    for (const id of residentIds) this.left.push(id);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners();
    this.worker.on('error', () => {});
    await this.worker.terminate();
  }
}
