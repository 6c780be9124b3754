/**
 * How personal data is shown to someone who may not see it in full: the audit log stores values this
 * way, and the registry shows them this way. (A module of its own, needing nothing: the import's
 * worker thread loads it without the database layer.)
 */

/** Masks an ID number as 110105********123X: region and last four stay, so staff can still tell people apart. */
export function maskIdNumber(v: string): string {
  if (v.length <= 10) return '*'.repeat(v.length);
  return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
}

/** Masks a phone number as 138****5678. */
export function maskPhone(v: string): string {
  if (v.length < 7) return '*'.repeat(v.length);
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}
