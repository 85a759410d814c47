import type { Effect, HttpResult } from '@stumpfworks/engine';
import { errorText } from '../logger.js';

/** The request of an HttpRequest node, as the engine's `httpRequest` effect gives it. */
export type HttpRequestEffect = Extract<Effect, { type: 'httpRequest' }>;

/** What came back, and for a failure why (for the log). */
export type HttpOutcome = HttpResult & { error?: string };

/** Performs HTTP requests for the runtime. Must not throw: every problem is a `failure` or `timeout`. */
export type HttpClient = (request: HttpRequestEffect, signal: AbortSignal) => Promise<HttpOutcome>;

/**
 * The runtime's HTTP client, Node's fetch: the whole request, body included, must be done within
 * `timeoutSeconds` (else `timeout`); redirects are not followed (a 3xx is a response, as with
 * Asterisk's CURL()); a body goes as `Content-Type: application/json`. `signal` cancels it (the
 * caller hung up): that is a `failure` nobody reads.
 *
 * @example
 * const outcome = await fetchHttp({ type: 'httpRequest', method: 'GET', url: 'http://127.0.0.1:8080/x', timeoutSeconds: 2 }, new AbortController().signal);
 */
export const fetchHttp: HttpClient = async (request, signal) => {
  const timeout = AbortSignal.timeout(request.timeoutSeconds * 1000);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      signal: AbortSignal.any([timeout, signal]),
      ...(request.body !== undefined ? { body: request.body, headers: { 'Content-Type': 'application/json' } } : {}),
    });
    return { kind: 'response', status: response.status, body: await response.text() };
  } catch (error) {
    if (timeout.aborted) return { kind: 'timeout' };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'failure', error: `${errorText(error)}${cause}` };
  }
};
