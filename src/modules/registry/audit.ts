import type { AuditViewer } from '../../core/module';
import { CARE_TAGS } from './vocab';

/** Every way a sensitive care tag is written: its code, its labels, and what rosters call it. */
const TERMS = CARE_TAGS.filter((t) => t.sensitive)
  .flatMap((t) => [t.code, t.label.zh, t.label.en, ...(t.synonyms ?? [])])
  .map((x) => x.toLowerCase());

const namesSensitive = (text: string) => {
  const lower = text.toLowerCase();
  return TERMS.some((t) => lower.includes(t));
};

/** an object about a sensitive tag: a bulk tagging, one tag of a resident, a list's filters */
const aboutSensitive = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { tag?: unknown }).tag === 'string' && namesSensitive((v as { tag: string }).tag);

export const HIDDEN = '[redacted]';

function hide(v: unknown): unknown {
  if (typeof v === 'string') return namesSensitive(v) ? HIDDEN : v;
  // a resident's tags lose the sensitive ones, as the resident's page shows them to this viewer
  if (Array.isArray(v)) return v.filter((x) => !aboutSensitive(x) && !(typeof x === 'string' && namesSensitive(x))).map(hide);
  if (v && typeof v === 'object') {
    // who was given the tag is the secret, not only its name
    if (aboutSensitive(v)) return HIDDEN;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hide(x)]));
  }
  return v;
}

/**
 * The registry's part of the audit log as a viewer without registry.sensitive may read it: no
 * sensitive care tag (归正人员 …) by code, label or synonym — in any row, whichever module wrote it.
 * A list of tags loses those entries, a tagging or a list's filters naming one is hidden whole, and
 * any other text naming one (a note, a list's name) is hidden.
 */
export function redactSensitiveTags(value: unknown, viewer: AuditViewer): unknown {
  return viewer.permissions.has('registry.sensitive') ? value : hide(value);
}
