import type { FormEvent, ReactNode } from 'react';
import { reasonOf } from '../api/useApi.js';
import { OutcomeText, useRun } from './outcome.js';

/**
 * A small settings form on a list page (the audit log's retention, the recordings' retention and
 * format): its fields (uncontrolled, read from the FormData on submit), a save button, a hint, and
 * what the save said beside it: the confirmation `onSave` returns, or the server's message with its
 * HTTP status.
 */
export function SettingsForm({ label, save, hint, onSave, children }: { label: string; save: string; hint: string; onSave(form: FormData): Promise<string>; children: ReactNode }) {
  const { busy, outcome, run } = useRun({ explain: reasonOf });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(() => onSave(form));
  };
  return (
    <form className="resource-form" aria-label={label} onSubmit={submit}>
      {children}
      <button type="submit" disabled={busy}>
        {save}
      </button>
      <small className="hint">{hint}</small>
      <OutcomeText outcome={outcome} inline />
    </form>
  );
}
