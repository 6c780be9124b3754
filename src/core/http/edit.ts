import { z } from 'zod';

/** A field's schema without the default (or prefault) it fills in when the field is left out. */
type Bare<T> = T extends z.ZodDefault<infer I> ? Bare<I> : T extends z.ZodPrefault<infer I> ? Bare<I> : T;
type EditShape<S extends z.ZodRawShape> = { -readonly [K in keyof S]: z.ZodOptional<Bare<S[K]> & z.core.SomeType> };

function bare(s: z.ZodType): z.ZodType {
  if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault) return bare(s.unwrap() as z.ZodType);
  return s;
}

/**
 * The body of an edit made from the body that creates the record: every field optional and none
 * with a default. A key left out stays as it was; `null`, where the field takes it, clears it.
 * `.partial()` alone is not enough: zod 4 still fills in a field's default when it is left out, so
 * an edit of one field would reset every defaulted field beside it (a resident's registration type,
 * a pledge's areas).
 */
export function editOf<S extends z.ZodRawShape>(create: z.ZodObject<S>): z.ZodObject<EditShape<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(create.shape)) shape[key] = bare(field as z.ZodType).optional();
  return z.object(shape) as unknown as z.ZodObject<EditShape<S>>;
}

/** The keys an edit was sent, without those left out: spread over the stored record to get the record as edited. */
export function sent<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<T>;
}
