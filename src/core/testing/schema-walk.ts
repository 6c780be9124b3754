import crypto from 'node:crypto';
import type { z } from 'zod';

/**
 * Reads a route's zod schemas the way a hostile tester would: a plausible value for every field (so
 * a request reaches the handler), and the list of its fields with their kinds (so one kind at a time
 * can be made wrong). Test code only.
 */

export type LeafKind = 'string' | 'date' | 'number' | 'boolean' | 'enum' | 'literal' | 'other';
export type Path = (string | number)[];
export interface Leaf {
  path: Path;
  kind: LeafKind;
}
export interface Walked {
  value: unknown;
  leaves: Leaf[];
  /** paths of the objects inside the value (the root is `[]`) */
  objects: Path[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
  checks?: { _zod: { def: { check: string; minimum?: number; format?: string; pattern?: RegExp } } }[];
}
const defOf = (s: z.ZodType) => s._zod.def as unknown as Def;
const checksOf = (s: z.ZodType) => (defOf(s).checks ?? []).map((c) => c._zod.def);

/** True for a string schema holding a calendar day: the shared date type, or a copy of its pattern. */
export function isDateString(s: z.ZodType): boolean {
  const d = defOf(s) as Def & { format?: string };
  if (d.type !== 'string') return false;
  if (d.format === 'date') return true;
  return checksOf(s).some((c) => c.format === 'date' || (c.pattern !== undefined && c.pattern.source.includes('\\d{4}-\\d{2}-\\d{2}')));
}

/** Field names that hold a day, whatever their type says (`from`, `joinedOn`, `startDate` …). */
export const DATE_NAME = /^(from|to|date|day)$|(Date|On|From|To|Day)$/;

const STRING_CANDIDATES = ['测试文字', '2026-03-01', '09:00', '13800138000', '11010519491231002X', 'A1', 'abc', '1', '2026'];

export interface WalkOptions {
  /** a real id for a field of this name (`residentId` → a resident of the community), or undefined */
  idFor?: (field: string) => string | undefined;
}

/** A plausible value for the schema, and its fields. */
export function walk(schema: z.ZodType, opts: WalkOptions = {}): Walked {
  const leaves: Leaf[] = [];
  const objects: Path[] = [];
  const visit = (s: z.ZodType, path: Path, name: string): unknown => {
    const d = defOf(s);
    switch (d.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return visit(d.innerType!, path, name);
      case 'pipe':
        // z.preprocess(fn, schema) reads its input through `out`; .transform() keeps it in `in`
        return visit(defOf(d.in!).type === 'transform' ? d.out! : d.in!, path, name);
      case 'lazy':
        return visit(d.getter!(), path, name);
      case 'object': {
        objects.push(path);
        const out: Record<string, unknown> = {};
        for (const [k, child] of Object.entries(d.shape!)) out[k] = visit(child, [...path, k], k);
        return out;
      }
      case 'array': {
        const min = checksOf(s).find((c) => c.check === 'min_length')?.minimum ?? 1;
        const single = name.endsWith('Ids') ? name.slice(0, -1) : name;
        const out: unknown[] = [];
        for (let i = 0; i < Math.max(1, min); i++) out.push(visit(d.element!, [...path, i], i === 0 ? single : `${single}#${i}`));
        return out;
      }
      case 'union': {
        const [nLeaves, nObjects] = [leaves.length, objects.length];
        for (const option of d.options!) {
          const v = visit(option, path, name);
          if (option.safeParse(v).success) return v;
          leaves.length = nLeaves;
          objects.length = nObjects;
        }
        return visit(d.options![0], path, name);
      }
      case 'intersection':
        return { ...(visit(d.left!, path, name) as object), ...(visit(d.right!, path, name) as object) };
      case 'enum':
        leaves.push({ path, kind: 'enum' });
        return Object.values(d.entries!)[0];
      case 'literal':
        leaves.push({ path, kind: 'literal' });
        return d.values![0];
      case 'boolean':
        leaves.push({ path, kind: 'boolean' });
        return true;
      case 'number': {
        leaves.push({ path, kind: 'number' });
        const n = s as z.ZodNumber;
        for (const c of [1, n.minValue ?? 0, 0, n.maxValue ?? 0]) if (s.safeParse(c).success) return c;
        return 1;
      }
      case 'string': {
        const date = isDateString(s) || DATE_NAME.test(name);
        leaves.push({ path, kind: date ? 'date' : 'string' });
        const id = opts.idFor?.(name.replace(/#\d+$/, ''));
        const candidates = [...(id ? [id] : []), ...(date ? ['2026-03-01'] : []), crypto.randomUUID(), ...STRING_CANDIDATES];
        return candidates.find((c) => s.safeParse(c).success) ?? STRING_CANDIDATES[0];
      }
      case 'record':
        objects.push(path);
        return {};
      case 'null':
        return null;
      case 'undefined':
      case 'never':
        return undefined;
      default:
        leaves.push({ path, kind: 'other' });
        return '测试文字';
    }
  };
  const value = visit(schema, [], '');
  return { value, leaves, objects };
}

export function setAt(root: unknown, path: Path, v: unknown): unknown {
  if (path.length === 0) return v;
  const copy: unknown = structuredClone(root);
  let o = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = v;
  return copy;
}

export function getAt(root: unknown, path: Path): unknown {
  let o = root;
  for (const k of path) o = (o as Record<string | number, unknown> | undefined)?.[k];
  return o;
}

/** A string of `n` CJK characters that does not compress (a database cannot shrink it into an index). */
export function hugeText(n: number): string {
  let x = 2463534242;
  let s = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += String.fromCharCode(0x4e00 + ((x >>> 0) % 0x5000));
  }
  return s;
}
