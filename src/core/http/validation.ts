import type { ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';

type FieldError = { code: string; params?: Record<string, string | number> };

/** Turns zod issues into the field messages users see (`fields` of the error body), in their language. */
export function zodIssuesToFields(issues: ZodFastifySchemaValidationError[]): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of issues) {
    const p = issue.params as { minimum?: number | bigint; maximum?: number | bigint; origin?: string };
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
      default:
        out[field] = { code: 'FIELD_INVALID' };
    }
  }
  return out;
}
