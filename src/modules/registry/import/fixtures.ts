/** Test fixtures for the roster import: ID numbers with computed check digits, LibreOffice runs. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
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
