import crypto from 'node:crypto';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import type { ScopedDb } from '../access';
import { AppError } from '../errors';
import { defineMessages } from '../i18n';
import { uuidv7 } from '../ids';
import { FileResponse } from '../http/route';

defineMessages({
  FILE_TOO_LARGE: { zh: '文件太大（上限 {max} MB）', en: 'The file is too large ({max} MB at most)' },
  FILE_TYPE_REFUSED: {
    zh: '不支持这种文件（{name}）；可以上传 PDF、Word、Excel、WPS 文档和图片',
    en: 'This kind of file is not accepted ({name}); upload PDF, Word, Excel, WPS documents or pictures',
  },
  FILE_EMPTY: { zh: '文件是空的（{name}）', en: 'The file is empty ({name})' },
});

/** What an office attaches: documents and pictures. Checked by extension and by the file's first bytes. */
const KINDS: Record<string, { type: string; magic: (b: Buffer) => boolean }> = {
  pdf: { type: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: isZip },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: isZip },
  pptx: { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: isZip },
  doc: { type: 'application/msword', magic: isOle },
  xls: { type: 'application/vnd.ms-excel', magic: isOle },
  wps: { type: 'application/vnd.ms-works', magic: isOle },
  jpg: { type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 },
  jpeg: { type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 },
  png: { type: 'image/png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  webp: { type: 'image/webp', magic: (b) => b.subarray(8, 12).toString('latin1') === 'WEBP' },
};
function isZip(b: Buffer): boolean {
  return b[0] === 0x50 && b[1] === 0x4b;
}
function isOle(b: Buffer): boolean {
  return b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

export interface StoredFileRef {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/**
 * Reads the one file of a multipart upload route (`upload: true`) into memory, refusing what is too
 * large or not a document or picture — by extension and by content, so a renamed program is refused.
 */
export async function readUpload(part: MultipartFile | undefined, opts: { maxMb?: number; images?: boolean } = {}): Promise<{ filename: string; contentType: string; data: Buffer }> {
  if (!part) throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { code: 'FIELD_REQUIRED' } });
  const maxMb = opts.maxMb ?? 20;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    size += chunk.length;
    if (size > maxMb * 1024 * 1024) throw new AppError(413, 'FILE_TOO_LARGE', { max: maxMb });
    chunks.push(chunk as Buffer);
  }
  if (part.file.truncated) throw new AppError(413, 'FILE_TOO_LARGE', { max: maxMb });
  const filename = path.basename(part.filename || 'file').slice(0, 200);
  const data = Buffer.concat(chunks);
  if (data.length === 0) throw new AppError(400, 'FILE_EMPTY', { name: filename });
  const ext = path.extname(filename).slice(1).toLowerCase();
  const kind = KINDS[ext];
  const imageOnly = opts.images && !kind?.type.startsWith('image/');
  if (!kind || imageOnly || !kind.magic(data)) throw new AppError(415, 'FILE_TYPE_REFUSED', { name: filename });
  return { filename, contentType: kind.type, data };
}

/** Keeps a file with the request's community (in the request's transaction). */
export async function storeFile(
  db: ScopedDb,
  file: { filename: string; contentType: string; data: Buffer },
  meta: { module: string; createdBy: string | null; now: Date },
): Promise<StoredFileRef> {
  const id = uuidv7();
  await db
    .insertInto('stored_file', [
      {
        id,
        module: meta.module,
        filename: file.filename,
        content_type: file.contentType,
        size: file.data.length,
        sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        created_by: meta.createdBy,
        created_at: meta.now.toISOString(),
      },
    ])
    .execute();
  return { id, filename: file.filename, contentType: file.contentType, size: file.data.length };
}

/** The file as a download, or null when this community has no such file. */
export async function loadFile(db: ScopedDb, id: string): Promise<FileResponse | null> {
  const f = await db.selectFrom('stored_file').select(['stored_file.filename', 'stored_file.content_type', 'stored_file.data']).where('stored_file.id', '=', id).executeTakeFirst();
  if (!f) return null;
  return new FileResponse(Buffer.from(f.data), f.filename, f.content_type);
}

export async function deleteFile(db: ScopedDb, id: string): Promise<void> {
  await db.deleteFrom('stored_file').where('stored_file.id', '=', id).execute();
}
