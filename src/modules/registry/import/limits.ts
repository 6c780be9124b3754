import { IMPORT_LIMIT_DEFAULTS, type Config } from '../../../core/config';
import { AppError } from '../../../core/errors';

/**
 * How much of a roster an import reads at most (LINLI_IMPORT_MAX_ROWS,
 * LINLI_IMPORT_MAX_UNCOMPRESSED_MB): past either, the file is refused as soon as it is known, with
 * the limit in the message, and the rest is not read.
 */
export interface RosterLimits {
  /** non-blank rows (an .xlsx: the rows its sheet holds, counted before any is read) */
  maxRows: number;
  /** bytes inflated from an .xlsx's parts, or a CSV's size */
  maxUncompressedBytes: number;
}

export function rosterLimits(config: Pick<Config, 'importMaxRows' | 'importMaxUncompressedMb'>): RosterLimits {
  return { maxRows: config.importMaxRows, maxUncompressedBytes: config.importMaxUncompressedMb * 1024 * 1024 };
}

export const DEFAULT_ROSTER_LIMITS: RosterLimits = rosterLimits({ importMaxRows: IMPORT_LIMIT_DEFAULTS.maxRows, importMaxUncompressedMb: IMPORT_LIMIT_DEFAULTS.maxUncompressedMb });

export const tooManyRows = (limits: RosterLimits) => new AppError(400, 'ROSTER_TOO_MANY_ROWS', { max: limits.maxRows.toLocaleString('en-US') });

export const tooLarge = (limits: RosterLimits) => new AppError(400, 'ROSTER_TOO_LARGE_UNCOMPRESSED', { mb: Math.round((limits.maxUncompressedBytes / 1024 / 1024) * 10) / 10 });
