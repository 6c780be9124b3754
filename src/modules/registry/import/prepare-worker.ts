import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../core/errors';
import { PreparedRoster, type PrepareKeys, type PrepareOptions } from './prepare';
import type { RosterFile } from './read';
import type { RowIssue } from './types';

/**
 * Runs PreparedRoster on a worker thread and hands its batches to the import as JSON, a few
 * batches a message (JSON is much cheaper for the receiving thread to take in than a structured
 * clone of the same rows, and each message costs both threads a little). At most `inflight`
 * messages wait unread, so a fast reader never holds the whole file in memory.
 */
export interface PrepareWorkerData {
  file: RosterFile;
  filename: string;
  opts: PrepareOptions;
  keys: PrepareKeys;
  inflight: number;
}

/**
 * One prepared batch of rows: its rows as JSON, and apart from them its issues, as they are
 * (structured clone): the import keeps the issues, and strings JSON.parse returns may share the
 * memory of the whole text they came from, which would then be kept too. Or a batch of search
 * keys, already JSON (PreparedBatch.keys).
 */
export type BatchJson = { json: string; issues: RowIssue[] } | { keys: string };

/**
 * `rows-end` follows the last batch of rows; the worker then waits for the import's
 * PrepareWorkerLeaveOut before it makes the search keys.
 */
export type PrepareWorkerMessage =
  | { type: 'batches'; batches: BatchJson[] }
  | { type: 'rows-end' }
  | { type: 'done'; summary: PreparedRoster['summary'] }
  | { type: 'error'; error: { app: true; status: number; code: string; params: AppError['params']; fields: AppError['fields'] } | { app: false; message: string; stack?: string } };

/** the importing thread grants `{ more: n }` messages as it takes them in */
export interface PrepareWorkerGrant {
  more: number;
}

/** once it has every row: the residents it did not import (their keys are not made) */
export interface PrepareWorkerLeaveOut {
  leaveOut: string[];
}

/** batches per message */
const GROUP = 5;

const port = parentPort!;
const data = workerData as PrepareWorkerData;
let credits = data.inflight;
let wake: (() => void) | null = null;
let leftOut: string[] | null = null;
port.on('message', (m: PrepareWorkerGrant | PrepareWorkerLeaveOut) => {
  if ('leaveOut' in m) leftOut = m.leaveOut;
  else credits += m.more;
  wake?.();
  wake = null;
});

const send = (m: PrepareWorkerMessage) => port.postMessage(m);

async function run() {
  try {
    const roster = new PreparedRoster(data.file, data.filename, data.opts, data.keys);
    // The importing thread seals a batch's rows itself when it would otherwise soon be waiting for
    // rows (at most one message waiting there: every credit back but one), so the work of the two
    // threads stays even, whichever is faster.
    if (!data.opts.handOff) roster.handOff = () => credits >= data.inflight - 1;
    let group: BatchJson[] = [];
    let sent = false;
    const flush = async () => {
      while (credits <= 0) await new Promise<void>((r) => (wake = r));
      credits--;
      send({ type: 'batches', batches: group });
      group = [];
    };
    for await (const batch of roster) {
      if (batch.keys === null && batch.slots.length === 0) {
        // the end of the rows: once the import has taken them all, it says which it left out
        if (group.length) await flush();
        send({ type: 'rows-end' });
        while (leftOut === null) await new Promise<void>((r) => (wake = r));
        roster.leaveOut(leftOut);
        continue;
      }
      // Each batch its own string, small enough for the young generation of the receiving heap
      // (strings past about 128 KB go to the large-object space, freed only by a full collection).
      group.push(batch.keys !== null ? { keys: batch.keys } : { json: JSON.stringify({ first: batch.first, slots: batch.slots, open: batch.open }), issues: batch.issues });
      // the first batch at once: the import is waiting for it
      if (group.length >= (sent ? GROUP : 1)) {
        sent = true;
        await flush();
      }
    }
    if (group.length) await flush();
    send({ type: 'done', summary: roster.summary });
  } catch (e) {
    send({
      type: 'error',
      error: e instanceof AppError ? { app: true, status: e.status, code: e.code, params: e.params, fields: e.fields } : { app: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined },
    });
  }
}
void run();
// the importing thread ends this worker once it has the last message
