/** Codes of the failures the API reports; the HTTP layer maps each to one status. */
export type AppErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'not-found'
  | 'conflict'
  | 'validation'
  | 'forbidden'
  | 'payload-too-large'
  | 'too-many-requests'
  | 'backup-refused'
  | 'publish-failed'
  | 'mail-failed'
  | 'asterisk-unavailable'
  | 'restart-unavailable'
  | 'internal';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 502 | 503;

const STATUS: Record<AppErrorCode, ErrorStatus> = {
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  validation: 422,
  forbidden: 403,
  'payload-too-large': 413,
  'too-many-requests': 429,
  'backup-refused': 422,
  'publish-failed': 502,
  'mail-failed': 502,
  'asterisk-unavailable': 503,
  'restart-unavailable': 503,
  internal: 500,
};

/** One problem at one place of the request body, e.g. `voicemail.pin`. */
export interface Issue {
  path: string;
  message: string;
}

/** A failure with a code; `issues` carries field-level problems (422) or diagnostics. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { issues?: Issue[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): ErrorStatus {
    return STATUS[this.code];
  }
}

/** The single JSON shape of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[]; [key: string]: unknown };
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...error.details } };
}

/** zod issue path -> `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(body)';
}
