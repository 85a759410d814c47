import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.js';
import type { AppEnv } from './app-env.js';
import { say } from './language.js';

const MB = 1024 * 1024;

/** The most a request body may hold: JSON and everything else not listed in UPLOAD_LIMITS. */
export const BODY_LIMIT_BYTES = 1 * MB;

/** A route that takes a file, with its own larger limit. */
export interface UploadLimit {
  method: string;
  /** Matched against the request's path, e.g. `/api/v1/prompts/hello/audio`. */
  path: RegExp;
  maxBytes: number;
}

/** Prompt audio (PUT /prompts/{id}/audio): 20 MB holds about 20 minutes of 128 kbit/s MP3 or 2 of CD-quality WAV. */
export const PROMPT_AUDIO_LIMIT_BYTES = 20 * MB;

/** A backup to restore (POST /backups/restore): streamed to a file as it comes, never held in memory. */
export const BACKUP_UPLOAD_LIMIT_BYTES = 64 * 1024 * MB;

export const UPLOAD_LIMITS: readonly UploadLimit[] = [
  { method: 'PUT', path: /^\/api\/v1\/prompts\/[^/]+\/audio$/, maxBytes: PROMPT_AUDIO_LIMIT_BYTES },
  { method: 'PUT', path: /^\/api\/v1\/voicemail\/[^/]+\/greetings\/[^/]+\/audio$/, maxBytes: PROMPT_AUDIO_LIMIT_BYTES },
  { method: 'POST', path: /^\/api\/v1\/backups\/restore$/, maxBytes: BACKUP_UPLOAD_LIMIT_BYTES },
];

/** `1048576` -> `1 MB`. */
const inMB = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/**
 * 413 for a body over its limit (`BODY_LIMIT_BYTES`, or the route's in `uploads`), in the one JSON
 * error shape. Hono's bodyLimit refuses a Content-Length over the limit before reading anything,
 * and counts a body without one (chunked) as it streams in, refusing it at the first chunk past the
 * limit: no body is held beyond its limit. The answer closes the connection (`Connection: close`);
 * what the client still sends until then, @hono/node-server reads and drops (at most 64 MB or
 * 500 ms).
 */
export function bodyLimits(defaultBytes: number = BODY_LIMIT_BYTES, uploads: readonly UploadLimit[] = UPLOAD_LIMITS): MiddlewareHandler<AppEnv> {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxBytes: number) => {
    let limiter = limiters.get(maxBytes);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize: maxBytes,
        onError: (c) => {
          // The client may still be sending: close the connection after the answer, so that no
          // client reuses it while the rest of its body is on the way.
          c.header('connection', 'close');
          throw new AppError(
            'payload-too-large',
            say({ de: `Der Inhalt der Anfrage ist zu groß: höchstens ${inMB(maxBytes)}`, en: `the request body is too large: at most ${inMB(maxBytes)}` }),
            { maxBytes },
          );
        },
      });
      limiters.set(maxBytes, limiter);
    }
    return limiter;
  };
  return (c, next) => {
    const upload = uploads.find((u) => u.method === c.req.method && u.path.test(c.req.path));
    return limiterFor(upload?.maxBytes ?? defaultBytes)(c, next);
  };
}
