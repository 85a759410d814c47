import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { reasonOf } from '../api/useApi.js';

/** What the last action of a page said: a confirmation, or why it failed. */
export interface Outcome {
  error: boolean;
  text: string;
}

/** A failure as the server said it: its field problems, else its message. */
export function problemText(e: unknown): string {
  return e instanceof ApiError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : reasonOf(e);
}

/**
 * The one way an admin page runs an action: `busy` while it runs (buttons disable on it), then the
 * text it returns as a status, or its failure as an alert, in the words of `explain` (default: the
 * field problems). `after` runs after a success (e.g. a refetch of what the action changed); its
 * failure is shown like the action's.
 * @example const { busy, outcome, run } = useRun(); … run(async () => { await save(); return t('saved'); })
 */
export function useRun({ after, explain = problemText }: { after?: () => Promise<unknown>; explain?: (e: unknown) => string } = {}) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome({ error: false, text: await work() });
      await after?.();
    } catch (e) {
      setOutcome({ error: true, text: explain(e) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run };
}

/** An outcome as a status (read out politely) or an alert; a paragraph, or a span inside a form. */
export function OutcomeText({ outcome, inline = false }: { outcome: Outcome | undefined; inline?: boolean }) {
  if (!outcome) return null;
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className={outcome.error ? 'error' : 'ok'} role={outcome.error ? 'alert' : 'status'}>
      {outcome.text}
    </Tag>
  );
}

/**
 * Why something failed, as an alert paragraph: a text as it is, an error (a query's, a call's) as
 * the server's reason; nothing when there is no error (a query's `null`, an empty text).
 * @example <ErrorText error={settings.error} />
 */
export function ErrorText({ error }: { error: unknown }) {
  if (error === null || error === undefined || error === '') return null;
  return (
    <p className="error" role="alert">
      {typeof error === 'string' ? error : reasonOf(error)}
    </p>
  );
}
