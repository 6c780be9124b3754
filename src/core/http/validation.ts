import type { ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { notADay } from './period';

type FieldError = { code: string; params?: Record<string, string | number> };

/**
 * Turns zod issues into the field messages users see (`fields` of the error body), in their language.
 * `input` is what was validated (the body, query or params): zod's issues do not carry the value, and
 * a date's message shows it (“2026-02-30”不是日历上的日期).
 */
export function zodIssuesToFields(issues: ZodFastifySchemaValidationError[], input?: unknown): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of issues) {
    const p = issue.params as { minimum?: number | bigint; maximum?: number | bigint; origin?: string; format?: string };
    const field = issue.instancePath.split('/').filter(Boolean).join('.') || '_';
    if (out[field]) continue;
    const isString = p.origin === 'string';
    switch (issue.keyword) {
      case 'invalid_type':
        out[field] = /received undefined/.test(issue.message ?? '') ? { code: 'FIELD_REQUIRED' } : { code: 'FIELD_INVALID_TYPE' };
        break;
      case 'too_small':
        if (isString) out[field] = Number(p.minimum) <= 1 ? { code: 'FIELD_REQUIRED' } : { code: 'FIELD_TOO_SHORT', params: { min: Number(p.minimum) } };
        else out[field] = { code: 'FIELD_TOO_SMALL', params: { min: Number(p.minimum) } };
        break;
      case 'too_big':
        out[field] = isString ? { code: 'FIELD_TOO_LONG', params: { max: Number(p.maximum) } } : { code: 'FIELD_TOO_BIG', params: { max: Number(p.maximum) } };
        break;
      case 'unrecognized_keys':
        out[field] = { code: 'FIELD_UNKNOWN' };
        break;
      case 'invalid_format': {
        const value = valueAt(input, issue.instancePath);
        out[field] = p.format?.startsWith('date') && typeof value === 'string' ? notADay(value) : { code: 'FIELD_INVALID' };
        break;
      }
      default:
        out[field] = { code: 'FIELD_INVALID' };
    }
  }
  return out;
}

function valueAt(input: unknown, pointer: string): unknown {
  let v = input;
  for (const k of pointer.split('/').filter(Boolean)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * The field of the first text holding a NUL character (U+0000), or null: in a value, a key, or an array
 * item, at any depth (`items.0.note`). Nobody types one, and PostgreSQL cannot store it in text, so
 * the request pipeline refuses it on either database before any handler sees it.
 */
export function nulField(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || '_';
      continue;
    }
    if (typeof v !== 'object' || v === null || Buffer.isBuffer(v)) continue;
    const entries = Object.entries(v);
    // in reverse, so the field named is the first one in the request
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, child] = entries[i];
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) return p.replaceAll('\u0000', '\\u0000');
      stack.push([child, p]);
    }
  }
  return null;
}
