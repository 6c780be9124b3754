import { z } from 'zod';

/** A calendar day as the pages and exports write it: 2026-03-01. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');

/**
 * An optional period a list is limited to (`?from=2026-03-01&to=2026-03-31`), both ends included:
 * how a report figure or a dashboard chart opens the records behind its number. Spread it into a
 * route's query schema: `z.object({ ...periodFilter, status })`.
 */
export const periodFilter = { from: isoDate.optional(), to: isoDate.optional() };

/** The query string of a figure's link for a period. */
export const periodQuery = (from: string, to: string) => `from=${from}&to=${to}`;
