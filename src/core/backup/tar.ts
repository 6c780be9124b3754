import crypto from 'node:crypto';
import fs from 'node:fs';

/**
 * Just enough of the POSIX tar format (ustar) for Linli's backups: regular files and folders, read
 * back by `linli restore` and by any `tar` (so a backup can be looked into, or restored by hand,
 * without Linli). Files are streamed, never held in memory whole: a database can be gigabytes.
 */

const BLOCK = 512;
const CHUNK = 1 << 20;

export interface TarEntry {
  name: string;
  type: 'file' | 'dir';
  mode: number;
  size: number;
  /** where the entry's bytes start in the archive */
  offset: number;
}

function octal(h: Buffer, at: number, width: number, n: number): void {
  h.write(n.toString(8).padStart(width - 1, '0') + '\0', at, width, 'ascii');
}

function header(name: string, type: TarEntry['type'], mode: number, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  if (size < 8 ** 11) octal(h, 124, 12, size);
  else {
    // past 8 GiB: base-256, as GNU tar and bsdtar write and read it
    h[124] = 0x80;
    let n = BigInt(size);
    for (let i = 135; i > 124; i--, n >>= 8n) h[i] = Number(n & 0xffn);
  }
  octal(h, 136, 12, Math.floor(mtime.getTime() / 1000));
  h.fill(0x20, 148, 156);
  h.write(type === 'dir' ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'binary');
  h.write('00', 263, 'ascii');
  h.write(checksum(h).toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  return sum;
}

/** A new archive at `file`, readable by its owner only; refuses to overwrite. */
export class TarWriter {
  private at = 0;
  private constructor(private readonly fh: fs.promises.FileHandle) {}

  static async create(file: string): Promise<TarWriter> {
    return new TarWriter(await fs.promises.open(file, 'wx', 0o600));
  }

  private async put(buf: Buffer): Promise<void> {
    let done = 0;
    while (done < buf.length) done += (await this.fh.write(buf, done, buf.length - done, this.at + done)).bytesWritten;
    this.at += buf.length;
  }

  async dir(name: string, mtime = new Date()): Promise<void> {
    await this.put(header(name.endsWith('/') ? name : `${name}/`, 'dir', 0o700, 0, mtime));
  }

  async bytes(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.put(header(name, 'file', 0o600, data.length, mtime));
    await this.put(data);
    await this.pad(data.length);
  }

  /** Copies a file in, as it is now; its size must not change meanwhile (a copy Linli made, or a key). */
  async file(name: string, source: string, mtime = new Date()): Promise<void> {
    const src = await fs.promises.open(source, 'r');
    try {
      const size = (await src.stat()).size;
      await this.put(header(name, 'file', 0o600, size, mtime));
      const buf = Buffer.allocUnsafe(CHUNK);
      let done = 0;
      while (done < size) {
        const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, size - done), done);
        if (bytesRead === 0) throw new Error(`tar: ${source} shrank while being copied`);
        await this.put(buf.subarray(0, bytesRead));
        done += bytesRead;
      }
      await this.pad(size);
    } finally {
      await src.close();
    }
  }

  private async pad(size: number): Promise<void> {
    const rest = (BLOCK - (size % BLOCK)) % BLOCK;
    if (rest) await this.put(Buffer.alloc(rest));
  }

  /** The end-of-archive blocks, then on disk before it counts as written. */
  async finish(): Promise<void> {
    await this.put(Buffer.alloc(BLOCK * 2));
    await this.fh.sync();
    await this.fh.close();
  }

  async abandon(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

function text(h: Buffer, at: number, width: number): string {
  const end = h.indexOf(0, at);
  return h.toString('utf8', at, end === -1 || end > at + width ? at + width : end);
}

function number(h: Buffer, at: number, width: number): number {
  if (h[at] & 0x80) {
    let n = 0n;
    for (let i = at + 1; i < at + width; i++) n = (n << 8n) | BigInt(h[i]);
    return Number(n);
  }
  const s = text(h, at, width).trim();
  if (!/^[0-7]*$/.test(s)) throw new TarError(`bad number in a tar header: ${JSON.stringify(s)}`);
  return s ? parseInt(s, 8) : 0;
}

export class TarError extends Error {}

/** An archive opened for reading: its entries (pax extended headers skipped), and a way to copy one out. */
export class TarReader {
  private constructor(
    private readonly fh: fs.promises.FileHandle,
    readonly entries: TarEntry[],
  ) {}

  static async open(file: string): Promise<TarReader> {
    const fh = await fs.promises.open(file, 'r');
    try {
      const size = (await fh.stat()).size;
      const entries: TarEntry[] = [];
      const h = Buffer.alloc(BLOCK);
      let at = 0;
      for (;;) {
        if (at + BLOCK > size) throw new TarError('the archive ends in the middle');
        await fh.read(h, 0, BLOCK, at);
        if (h.every((b) => b === 0)) break;
        if (number(h, 148, 8) !== checksum(h)) throw new TarError('not a tar archive (bad header checksum)');
        const prefix = h.subarray(257, 262).toString('binary') === 'ustar' ? text(h, 345, 155) : '';
        const name = (prefix ? `${prefix}/` : '') + text(h, 0, 100);
        const flag = String.fromCharCode(h[156]);
        const entrySize = number(h, 124, 12);
        const offset = at + BLOCK;
        if (offset + entrySize > size) throw new TarError(`the archive ends in the middle of ${name}`);
        if (flag === '0' || flag === '\0') entries.push({ name, type: 'file', mode: number(h, 100, 8), size: entrySize, offset });
        else if (flag === '5') entries.push({ name: name.replace(/\/+$/, ''), type: 'dir', mode: number(h, 100, 8), size: 0, offset });
        // pax headers (a tar that rewrote the archive may add them): their attributes do not matter here
        else if (flag !== 'x' && flag !== 'g') throw new TarError(`unexpected kind of entry ${JSON.stringify(flag)} for ${name}`);
        at = offset + Math.ceil(entrySize / BLOCK) * BLOCK;
      }
      return new TarReader(fh, entries);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  async read(e: TarEntry): Promise<Buffer> {
    const buf = Buffer.alloc(e.size);
    await this.fh.read(buf, 0, e.size, e.offset);
    return buf;
  }

  /** Copies a file entry to `dest` (created owner-only, never overwritten) and returns its SHA-256. */
  async extract(e: TarEntry, dest: string): Promise<string> {
    const out = await fs.promises.open(dest, 'wx', 0o600);
    const hash = crypto.createHash('sha256');
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      let done = 0;
      while (done < e.size) {
        const { bytesRead } = await this.fh.read(buf, 0, Math.min(CHUNK, e.size - done), e.offset + done);
        if (bytesRead === 0) throw new TarError(`the archive ends in the middle of ${e.name}`);
        const part = buf.subarray(0, bytesRead);
        hash.update(part);
        let written = 0;
        while (written < part.length) written += (await out.write(part, written, part.length - written)).bytesWritten;
        done += bytesRead;
      }
      await out.sync();
    } finally {
      await out.close();
    }
    return hash.digest('hex');
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
