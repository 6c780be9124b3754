import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * Just enough of the zip format to read an .xlsx part by part, in the order the reader needs them
 * (ExcelJS's own reader takes the parts in the order the archive holds them, and writes a sheet that
 * comes before the shared strings to a temporary file). Every byte inflated counts against a
 * budget, so an archive that inflates to far more than it says is stopped as soon as the budget is
 * spent. Zip64 archives are refused; rosters never come near 4 GB.
 */
export type ZipSource = { path: string } | { buffer: Buffer };

/** The archive is not a readable zip: cut short, or not a zip at all (reported as a damaged file). */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** the size the archive declares; what actually inflates is counted as it comes */
  size: number;
  localOffset: number;
}

/** Bytes that may still be inflated from an archive, shared by every part read from it. */
export interface InflateBudget {
  left: number;
  /** the error a stream ends with once the budget is spent */
  exceeded(): Error;
}

async function readAt(src: ZipSource, position: number, length: number): Promise<Buffer> {
  if ('buffer' in src) return src.buffer.subarray(position, position + length);
  const fh = await open(src.path, 'r');
  try {
    const out = Buffer.alloc(length);
    const { bytesRead } = await fh.read(out, 0, length, position);
    return out.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function sizeOf(src: ZipSource): Promise<number> {
  if ('buffer' in src) return src.buffer.length;
  const fh = await open(src.path, 'r');
  try {
    return (await fh.stat()).size;
  } finally {
    await fh.close();
  }
}

/** The archive's central directory, by entry name. */
export async function zipDirectory(src: ZipSource): Promise<Map<string, ZipEntry>> {
  const size = await sizeOf(src);
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(src, size - tailLength, tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > tail.length) throw new ZipError('no end of central directory');
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipError('zip64 is not supported');
  if (cdOffset + cdSize > size) throw new ZipError('central directory beyond the end of the file');
  const cd = await readAt(src, cdOffset, cdSize);
  const out = new Map<string, ZipEntry>();
  for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw new ZipError('zip64 is not supported');
    if (entry.localOffset + 30 + entry.compressedSize > size) throw new ZipError(`${entry.name} runs beyond the end of the file`);
    out.set(entry.name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** The uncompressed bytes of an entry as a stream; inflating past the budget ends it with budget.exceeded(). */
export async function zipEntryStream(src: ZipSource, entry: ZipEntry, budget: InflateBudget): Promise<Readable> {
  const local = await readAt(src, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new ZipError(`bad local header of ${entry.name}`);
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw =
    'buffer' in src
      ? Readable.from([src.buffer.subarray(start, start + entry.compressedSize)])
      : entry.compressedSize === 0
        ? Readable.from([])
        : createReadStream(src.path, { start, end: start + entry.compressedSize - 1 });
  if (entry.method !== 0 && entry.method !== 8) {
    raw.destroy();
    throw new ZipError(`zip method ${entry.method} is not supported`);
  }
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      budget.left -= chunk.length;
      if (budget.left < 0) done(budget.exceeded());
      else done(null, chunk);
    },
  });
  const stages: Readable[] = [raw];
  if (entry.method === 8) stages.push(raw.pipe(createInflateRaw()));
  stages.push(stages[stages.length - 1].pipe(counted));
  // an error anywhere ends the whole chain, and stopping it (destroy) stops reading the file
  for (const s of stages) s.on('error', (e: Error) => stages.forEach((t) => t !== s && t.destroy(e)));
  counted.on('close', () => stages.forEach((t) => t.destroy()));
  return counted;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * What a pass over a worksheet's XML finds before its rows are read: the merged ranges (they sit
 * after all the rows) and the number of rows. `maxRows` stops the pass as soon as there are more.
 */
export interface SheetScan {
  merges: CellRange[];
  rows: number;
}

/**
 * Calls `onMatch` for every match of the global `re` in a text that comes in pieces. A match cut
 * off at the end of a piece is found whole with the next: the piece's last `keep` characters wait
 * for it, except what a match already took.
 */
function matcher(re: RegExp, keep: number, onMatch: (m: RegExpExecArray) => void): (piece: string) => void {
  let carry = '';
  return (piece) => {
    const text = carry + piece;
    let end = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      onMatch(m);
      end = re.lastIndex;
    }
    carry = text.slice(Math.max(end, text.length - keep));
  };
}

/**
 * Scans a worksheet's XML text for its merged ranges (1-based rows and columns), counting its rows;
 * `tooManyRows()` is thrown, and reading stops, as soon as there are more than `maxRows`.
 */
export async function scanSheet(text: AsyncIterable<string>, maxRows: number, tooManyRows: () => Error): Promise<SheetScan> {
  const merges: CellRange[] = [];
  let rows = 0;
  const onMerge = matcher(/<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g, 256, (m) => {
    merges.push({ top: Number(m[2]), left: columnNumber(m[1]), bottom: Number(m[4]), right: columnNumber(m[3]) });
  });
  const onRow = matcher(/<(?:\w+:)?row[\s>/]/g, 64, () => {
    if (++rows > maxRows) throw tooManyRows();
  });
  for await (const piece of text) {
    onRow(piece);
    onMerge(piece);
  }
  return { merges, rows };
}
