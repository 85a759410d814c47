import { AppError } from '../errors.js';
import type { Publisher } from '../publish/publisher.js';
import { publishRefused } from './conditions.js';
import type { AlertBook } from './alert-book.js';
import type { Histogram } from './metrics-text.js';

/**
 * Why Asterisk refused, for both languages: the problems as Asterisk reported them (the same in
 * either), else the message (in the language of whoever published).
 */
function reasonOf(error: AppError): string {
  const problems = error.details?.problems;
  return Array.isArray(problems) && problems.length > 0 ? problems.join('; ') : error.message;
}

/**
 * The publisher, watched: each publish's duration goes into `durations` (by outcome), a publish
 * Asterisk refused (502, rolled back) opens `publish-refused`, and the next one that applies
 * resolves it. Refusals of the input (422) or with Asterisk unreachable (503, its own alert) are
 * not alerts: nobody needs a mail for a form error.
 */
export function watchedPublisher(publisher: Publisher, book: AlertBook, durations: Histogram): Publisher {
  async function watch<T>(run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await run();
      durations.observe({ outcome: 'ok' }, (performance.now() - started) / 1000);
      await book.observe('publish-refused', []);
      return result;
    } catch (error) {
      const refused = error instanceof AppError && error.code === 'publish-failed';
      durations.observe({ outcome: refused ? 'refused' : 'failed' }, (performance.now() - started) / 1000);
      if (refused) await book.observe('publish-refused', [publishRefused(reasonOf(error), error.details?.publishId as string | undefined)]);
      throw error;
    }
  }
  return {
    publish: (actor) => watch(() => publisher.publish(actor)),
    publishChange: (actor, change) => watch(() => publisher.publishChange(actor, change)),
    preview: (drafts) => publisher.preview(drafts),
  };
}
