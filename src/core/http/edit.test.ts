import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, type TestLinli } from '../testing';
import { editOf, sent } from './edit';

/**
 * Where a schema fills in a value the request did not send: the paths of its defaults (and
 * prefaults), through objects, arrays, records, unions and every wrapper.
 */
function defaultsIn(schema: z.ZodType, path = '', seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const at = path || '(body)';
  const inner = (key: string, sub = path) => defaultsIn(def[key] as z.ZodType, sub, seen);
  switch (def.type) {
    case 'default':
    case 'prefault':
      return [`${at} (${def.type})`, ...inner('innerType')];
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
    case 'promise':
      return inner('innerType');
    case 'lazy':
      return defaultsIn((def.getter as () => z.ZodType)(), path, seen);
    case 'pipe':
      return [...inner('in'), ...inner('out')];
    case 'object':
      return [
        ...Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => defaultsIn(v, path ? `${path}.${k}` : k, seen)),
        ...(def.catchall ? inner('catchall', `${path}.*`) : []),
      ];
    case 'array':
      return inner('element', `${path}[]`);
    case 'set':
      return inner('valueType', `${path}[]`);
    case 'tuple':
      return [...(def.items as z.ZodType[]).flatMap((item, i) => defaultsIn(item, `${path}[${i}]`, seen)), ...(def.rest ? inner('rest', `${path}[]`) : [])];
    case 'record':
    case 'map':
      return [...inner('keyType', `${path}{key}`), ...inner('valueType', `${path}.*`)];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => defaultsIn(o, path, seen));
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    default:
      return [];
  }
}

describe('edit bodies', () => {
  const Create = z.object({
    name: z.string(),
    kind: z.enum(['a', 'b']).default('a'),
    tags: z.array(z.string()).default([]),
    note: z.string().nullable().optional(),
  });

  it('leave out what was not sent, keep an explicit null, and fill in no default', () => {
    const Edit = editOf(Create);
    expect(Edit.parse({ note: 'x' })).toEqual({ note: 'x' });
    expect(Edit.parse({ note: null })).toEqual({ note: null });
    expect(Edit.parse({})).toEqual({});
    expect(Edit.parse({ kind: 'b', tags: ['t'] })).toEqual({ kind: 'b', tags: ['t'] });
    expect(Edit.safeParse({ kind: 'c' }).success).toBe(false);
    expect(defaultsIn(Edit)).toEqual([]);
    // what editOf is for: zod 4's .partial() still fills in a default left out
    expect(Create.partial().parse({ note: 'x' })).toEqual({ note: 'x', kind: 'a', tags: [] });
    expect(sent({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
  });

  it('a default is found wherever it hides', () => {
    expect(defaultsIn(Create)).toEqual(['kind (default)', 'tags (default)']);
    const Nested = z.object({ grants: z.array(z.object({ scope: z.string().nullable().default(null) })).optional(), meta: z.record(z.string(), z.number().prefault(0)).nullable() });
    expect(defaultsIn(Nested)).toEqual(['grants[].scope (default)', 'meta.* (prefault)']);
    expect(defaultsIn(z.union([z.object({ a: z.string() }), z.object({ b: z.boolean().optional().default(false) })]))).toEqual(['b (default)']);
  });
});

describe('every edit route', () => {
  let l: TestLinli;
  beforeAll(async () => {
    l = await createTestLinli();
  });
  afterAll(() => l.close());

  it('takes a body without defaults: a field left out of a PATCH or PUT is never filled in and written', () => {
    const routes = l.services.modules.flatMap((m) => m.routes ?? []);
    const edits = routes.filter((r) => r.method === 'PATCH' || r.method === 'PUT');
    // the list covers every module's edits, the core's users page among them
    expect(edits.length).toBeGreaterThan(30);
    expect(edits.map((r) => r.url)).toContain('/users/:id');
    expect(l.app.linliRoutes.filter((r) => r.method === 'PATCH' || r.method === 'PUT')).toHaveLength(edits.length);
    const found = edits.flatMap((r) => (r.schema.body ? defaultsIn(r.schema.body).map((d) => `${r.method} ${r.url}: ${d}`) : []));
    expect(found).toEqual([]);
  });
});
