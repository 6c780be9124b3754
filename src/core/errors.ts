import { translate, type Lang } from './i18n';

/**
 * An error a user may see: a stable code (kept in the log), an HTTP status, and parameters for the
 * translated message. Field errors map a field path to a message code.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly fields?: Record<string, { code: string; params?: Record<string, string | number> }>,
  ) {
    super(code);
    this.name = 'AppError';
  }

  toBody(lang: Lang): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: translate(this.code, lang, this.params) } };
    if (this.fields) {
      body.error.fields = Object.fromEntries(
        Object.entries(this.fields).map(([k, v]) => [k, translate(v.code, lang, v.params)]),
      );
    }
    return body;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export const notFound = () => new AppError(404, 'NOT_FOUND');
export const forbidden = () => new AppError(403, 'FORBIDDEN');
export const fieldError = (field: string, code: string, params?: Record<string, string | number>) =>
  new AppError(400, 'VALIDATION_FAILED', {}, { [field]: { code, params } });

/**
 * A refusal on the console (start-up, `linli backup`/`restore`): a stable code and the message in
 * Chinese, then English, for whoever runs the server or the command.
 */
export class ConsoleError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${translate(code, 'zh-CN', params)}\n${translate(code, 'en', params)}\n(${code})`);
    this.name = 'ConsoleError';
  }
}
