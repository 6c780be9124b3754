// The thread that checkpoints Linli's SQLite write-ahead log (checkpoint.ts), with a connection of
// its own. Plain JavaScript: it needs nothing of Linli's but the file's name.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const db = new SQLite(workerData.file);
db.pragma('synchronous = NORMAL');

parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let result;
  try {
    // PASSIVE: copies what it can without waiting for, or holding up, the other connections
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    result = { busy: r.busy, log: r.log, checkpointed: r.checkpointed };
  } catch (e) {
    result = { error: e instanceof Error ? e.message : String(e) };
  }
  parentPort.postMessage(result);
});
