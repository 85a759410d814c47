import type { Ari } from '../asterisk/ari.js';
import { AppError } from '../errors.js';
import { say, type Bilingual } from '../http/language.js';
import type { ConfigSetResult } from './config-set.js';

/**
 * Why a publish is refused, as the answer says it (the request's language) and the record keeps
 * it (English).
 */

const NOTHING_CHANGED: Bilingual = { de: 'es wurde nichts geändert', en: 'nothing was changed' };

/** The 422 for a configuration set that does not compile, and its reason as one text. */
export function notCompiling(built: Extract<ConfigSetResult, { ok: false }>, publishId?: string): { error: AppError; reason: string } {
  const reason = [...built.problems, ...built.diagnostics.map((d) => `flow "${d.flowId}": ${d.diagnostics.map((x) => x.message.en).join('; ')}`)].join('\n');
  const error = new AppError('validation', say({ de: 'Die Konfiguration lässt sich nicht erzeugen', en: 'the configuration does not compile' }), {
    issues: [...built.problems.map((message) => ({ path: '(config)', message }))],
    diagnostics: built.diagnostics,
    ...(publishId ? { publishId } : {}),
  });
  return { error, reason };
}

/** Whether ARI answers: undefined when it does, else why not. */
export function askReachable(ari: Pick<Ari, 'ping'>): Promise<Bilingual | undefined> {
  return ari.ping().then(
    (up): Bilingual | undefined => (up ? undefined : { de: 'Asterisk (ARI) ist nicht erreichbar', en: 'Asterisk (ARI) is not reachable' }),
    (error: unknown): Bilingual => ({
      de: `Die Anfrage an Asterisk (ARI) ist fehlgeschlagen: ${(error as Error).message}`,
      en: `asking Asterisk (ARI) failed: ${(error as Error).message}`,
    }),
  );
}

/** The 503 for an Asterisk that does not answer; nothing was touched. */
export function unreachable(reason: Bilingual, publishId: string): AppError {
  return new AppError('asterisk-unavailable', `${say(reason)}; ${say(NOTHING_CHANGED)}`, { publishId });
}

/** Why the sounds could not be put in place. */
export function soundsFailed(error: unknown): Bilingual {
  return {
    de: `Die Ansagen konnten nicht vorbereitet werden: ${(error as Error).message}`,
    en: `the prompts could not be prepared: ${(error as Error).message}`,
  };
}

/** The 502 for a publish refused before any file was written. */
export function failedBeforeWriting(reason: Bilingual, publishId: string): AppError {
  return new AppError('publish-failed', `${say(reason)}; ${say(NOTHING_CHANGED)}`, { publishId });
}

/** The 502 for files Asterisk did not take; the previous ones were put back. */
export function refusedByAsterisk(publishId: string, problems: string[], restoreProblems: string[], diff: Record<string, string>): AppError {
  // The first sentence is for the admin, in the request's language; Asterisk's problems stay as it reported them.
  const refused = say({
    de: 'Asterisk hat die Konfiguration nicht angenommen; die vorherigen Dateien wurden wiederhergestellt.',
    en: 'Asterisk did not accept the configuration; the previous files were restored.',
  });
  return new AppError('publish-failed', `${refused} ${problems.join('; ')}`, { publishId, problems: [...problems, ...restoreProblems], diff });
}
