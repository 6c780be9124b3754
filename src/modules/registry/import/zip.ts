import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * Just enough of the zip format to stream one entry of an .xlsx (ExcelJS's streaming reader does
 * not report merged cells, and they sit after all the rows in the sheet's XML). Zip64 archives are
 * refused; rosters never come near 4 GB.
 */
export type ZipSource = { path: string } | { buffer: Buffer };

interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
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

async function findEntry(src: ZipSource, name: string): Promise<Entry | null> {
  const size = await sizeOf(src);
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(src, size - tailLength, tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new Error('zip64 is not supported');
  const cd = await readAt(src, cdOffset, cdSize);
  for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (cd.toString('utf8', p + 46, p + 46 + nameLength) === name) {
      const compressedSize = cd.readUInt32LE(p + 20);
      const localOffset = cd.readUInt32LE(p + 42);
      if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw new Error('zip64 is not supported');
      return { method: cd.readUInt16LE(p + 10), compressedSize, localOffset };
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** The uncompressed bytes of one entry as a stream, or null when the archive has no such entry. */
export async function zipEntryStream(src: ZipSource, name: string): Promise<Readable | null> {
  const entry = await findEntry(src, name);
  if (!entry) return null;
  const local = await readAt(src, entry.localOffset, 30);
  if (local.readUInt32LE(0) !== 0x04034b50) throw new Error('bad zip local header');
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw =
    'buffer' in src
      ? Readable.from([src.buffer.subarray(start, start + entry.compressedSize)])
      : entry.compressedSize === 0
        ? Readable.from([])
        : createReadStream(src.path, { start, end: start + entry.compressedSize - 1 });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new Error(`zip method ${entry.method} is not supported`);
  const inflate = createInflateRaw();
  raw.on('error', (e: Error) => inflate.destroy(e));
  return raw.pipe(inflate);
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

/** Merged ranges of a worksheet's XML ("xl/worksheets/sheet1.xml"), 1-based rows and columns. */
export async function readMergedRanges(src: ZipSource, sheetPath: string): Promise<CellRange[]> {
  const stream = await zipEntryStream(src, sheetPath);
  if (!stream) throw new Error(`${sheetPath} not found`);
  const re = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g;
  const out: CellRange[] = [];
  let carry = '';
  // Refs are ASCII, so latin1 decoding cannot split a character we care about.
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + chunk.toString('latin1');
    let end = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ top: Number(m[2]), left: columnNumber(m[1]), bottom: Number(m[4]), right: columnNumber(m[3]) });
      end = re.lastIndex;
    }
    carry = text.slice(Math.max(end, text.length - 256));
  }
  return out;
}
