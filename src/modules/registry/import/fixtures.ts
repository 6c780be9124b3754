/** Test fixtures for the roster import: ID numbers with computed check digits, LibreOffice runs. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { idCheckDigit } from '../lib/id-number';

const run = promisify(execFile);

/** A valid ID number for a birth date (YYYYMMDD); an odd sequence digit makes it a man's. */
export function makeId(birth: string, seq = '101', region = '110105'): string {
  const body = region + birth + seq;
  return body + idCheckDigit(body);
}

/** A valid ID number ending in X, written with a lower-case x. */
export function makeIdEndingInX(birth: string, gender: 'male' | 'female', region = '110105'): string {
  for (let n = gender === 'male' ? 101 : 100; n < 1000; n += 2) {
    const id = makeId(birth, String(n), region);
    if (id.endsWith('X')) return id.slice(0, 17) + 'x';
  }
  throw new Error('no sequence gives X');
}

/** The same ID number with a wrong check digit. */
export function withWrongCheckDigit(id: string): string {
  const right = id[17];
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
}

export async function tempDir(prefix = 'linli-roster-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Converts a file with LibreOffice, so fixtures are made by a second program. `filter` is the
 * --convert-to target ("xlsx", "csv:Text - txt - csv (StarCalc):44,34,76"); `infilter` the import
 * options. Returns the path of the converted file.
 */
export async function convertWithLibreOffice(file: string, filter: string, ext: string, infilter?: string): Promise<string> {
  const dir = await tempDir('linli-soffice-');
  const args = ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`];
  if (infilter) args.push(`--infilter=${infilter}`);
  args.push('--convert-to', filter, '--outdir', dir, file);
  await run('soffice', args, { timeout: 120_000 });
  const want = basename(file).replace(/\.[^.]+$/, `.${ext}`);
  const files = await readdir(dir);
  if (!files.includes(want)) throw new Error(`LibreOffice did not write ${want} (got ${files.join(', ')})`);
  return join(dir, want);
}

// ——— archives built by hand, for files no spreadsheet program would write ———

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** the uncompressed size the archive declares (a zip bomb declares less than it holds) */
  declaredSize?: number;
  /** bytes cut off the end of the compressed data (the archive stays well-formed around it) */
  cutTail?: number;
}

/** A zip archive of deflated entries, as an .xlsx is. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    let packed = deflateRawSync(data);
    if (p.cutTail) packed = packed.subarray(0, packed.length - p.cutTail);
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(dir, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function columnLetters(n: number): string {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The XML of a worksheet holding `rows` as inline strings; `head` goes before its root element. */
export function sheetXml(rows: string[][], head = ''): string {
  const body = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v, c) => `<c r="${columnLetters(c)}${i + 1}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/**
 * The parts of the smallest .xlsx a spreadsheet program opens: one worksheet (sheet1.xml, given as
 * its XML). Tests change a part, or how it is packed, before zipOf.
 */
export function xlsxParts(sheet: string): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
}
