import { useSearchParams } from 'react-router';

export type QueryPatch = Record<string, string | number | null | undefined>;

/**
 * The page address's query string as the page's state, so a list's filters survive a reload, the
 * back button and a link from a report. `patch` sets each value given and removes each empty one
 * (`null`, `undefined`, `''`), in place of the current history entry.
 */
export function useQueryParams() {
  const [params, setParams] = useSearchParams();
  const patch = (changes: QueryPatch) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  return { params, patch };
}
