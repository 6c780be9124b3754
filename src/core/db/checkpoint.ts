import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Write-ahead-log checkpoints off the main thread.
 *
 * SQLite by default checkpoints inside the commit that leaves more than 1,000 pages in the WAL:
 * that commit then copies the whole log into the database file before it returns. For a roster
 * import of 100,000 residents that is some 200 MB and half a second during which the server
 * answers nobody. Linli's connections turn that off (`wal_autocheckpoint = 0`) and a worker
 * thread with a connection of its own checkpoints instead, once a second when the log has grown
 * (PASSIVE: it never waits for the other connections, nor holds them up). The last connection to
 * close checkpoints what is left, as SQLite always does.
 *
 * One thread per database file, shared by every connection to it, started the first time the log
 * is worth checkpointing: a test opening a small database never starts one.
 */

export interface CheckpointResult {
  /** frames in the log, and how many of them are now in the database file */
  log: number;
  checkpointed: number;
  busy: number;
}

/** what a checkpoint that could not run reports */
const NOT_RUN: CheckpointResult = { log: -1, checkpointed: -1, busy: 1 };

/** how often the log is looked at */
const EVERY_MS = 1000;
/** a log smaller than this (SQLite's own threshold: 1,000 pages of 4 KB) is left to grow */
const MIN_BYTES = 4 * 1024 * 1024;

class Shared {
  refs = 0;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout;
  /** the log's modification time when it was last checkpointed */
  private seen = 0;
  private pending: ((r: CheckpointResult) => void)[] = [];
  private running = false;
  failed: Error | null = null;
  readonly onFailure = new Set<(e: Error) => void>();

  constructor(readonly file: string) {
    this.timer = setInterval(() => this.look(), EVERY_MS);
    this.timer.unref();
  }

  private look(): void {
    if (this.running || this.failed) return;
    let st: fs.Stats;
    try {
      st = fs.statSync(`${this.file}-wal`);
    } catch {
      return;
    }
    if (st.size < MIN_BYTES || st.mtimeMs <= this.seen) return;
    this.seen = st.mtimeMs;
    void this.run();
  }

  /** Checkpoints now (or joins the one running); resolves with what it did. */
  run(): Promise<CheckpointResult> {
    if (this.failed) return Promise.resolve(NOT_RUN);
    return new Promise((resolve) => {
      this.pending.push(resolve);
      if (this.running) return;
      this.running = true;
      this.start().postMessage('checkpoint');
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file: this.file } });
    w.unref();
    w.on('message', (m: CheckpointResult | { error: string }) => {
      this.running = false;
      const waiting = this.pending;
      this.pending = [];
      const r = 'error' in m ? NOT_RUN : m;
      for (const resolve of waiting) resolve(r);
    });
    w.on('error', (e) => this.fail(e));
    w.on('exit', (code) => {
      if (this.worker === w && this.refs > 0) this.fail(new Error(`the checkpoint thread stopped (exit code ${code})`));
    });
    this.worker = w;
    return w;
  }

  private fail(e: Error): void {
    this.failed = e;
    this.worker = null;
    this.running = false;
    for (const resolve of this.pending.splice(0)) resolve(NOT_RUN);
    for (const f of this.onFailure) f(e);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const w = this.worker;
    this.worker = null;
    if (!w) return;
    const exited = new Promise<void>((r) => w.once('exit', () => r()));
    // (held open while it closes: it is otherwise left out of what keeps the process running)
    w.ref();
    w.postMessage('close');
    await exited;
  }
}

const byFile = new Map<string, Shared>();

export interface Checkpointer {
  /** checkpoints now; resolves when done */
  now(): Promise<CheckpointResult>;
  /** gives the connection's share back; the thread ends with the last */
  release(): Promise<void>;
}

/**
 * The checkpointer of a database file, for one connection. `onFailure` runs if the thread cannot
 * run: the connection should then checkpoint on its own again.
 */
export function checkpointerFor(file: string, onFailure: (e: Error) => void): Checkpointer {
  let shared = byFile.get(file);
  if (!shared) {
    shared = new Shared(file);
    byFile.set(file, shared);
  }
  const s = shared;
  s.refs++;
  s.onFailure.add(onFailure);
  if (s.failed) queueMicrotask(() => onFailure(s.failed!));
  let released = false;
  return {
    now: () => s.run(),
    async release() {
      if (released) return;
      released = true;
      s.onFailure.delete(onFailure);
      if (--s.refs > 0) return;
      byFile.delete(file);
      await s.stop();
    },
  };
}
