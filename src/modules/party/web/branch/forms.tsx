import { Alert, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../../web/api.ts';

/**
 * Puts the server's field messages (`candidates.0.votes`) on the form's fields; returns what is left
 * for an alert above the buttons (the message itself, or fields the form does not show).
 */
export function applyServerErrors(form: FormInstance, err: unknown, shown: string[]): string | null {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : null;
  const left: string[] = [];
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [field, msg] of Object.entries(err.fields)) {
    const name = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (shown.includes(String(name[0])) && name.length > 0 && !(name.length === 1 && name[0] === 'candidates')) set.push({ name, errors: [msg] });
    else left.push(msg);
  }
  if (set.length) form.setFields(set);
  return left.length ? left.join('；') : Object.keys(err.fields).length ? null : err.message;
}

export function FormAlert({ message }: { message: string | null }) {
  return message ? <Alert type="error" showIcon title={message} style={{ marginBottom: 12 }} /> : null;
}

export const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
export const toDay = (s: string | null | undefined) => (s ? dayjs(s) : null);
