import { useEffect, useState } from 'react';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';

interface Assignment {
  queues: string[];
  mailboxes: string[];
}

/** Toggles `id` in `list`, kept sorted. */
const toggled = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id].sort());

/**
 * The queues and mailboxes given to one operator (PUT /users/{id}/assignment): a checkbox per queue
 * and per extension with voicemail. The server refuses ids that do not exist (422); its message shows.
 */
export function AssignmentEditor({ userId, username, onDone }: { userId: string; username: string; onDone: (notice: string) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const queues = api.query.useQuery('get', '/queues');
  const extensions = api.query.useQuery('get', '/extensions');
  const stored = api.query.useQuery('get', '/users/{id}/assignment', { params: { path: { id: userId } } });
  const [draft, setDraft] = useState<Assignment>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (stored.data) setDraft(stored.data);
  }, [stored.data]);
  const mailboxes = (extensions.data ?? []).filter((e) => e.voicemail.enabled);
  const save = async () => {
    if (!draft) return;
    setError(undefined);
    try {
      await api.client.PUT('/users/{id}/assignment', { params: { path: { id: userId } }, body: draft });
      onDone(t('assignmentSaved').replace('{name}', username));
    } catch (e) {
      setError(reasonOf(e));
    }
  };
  const loadError = [queues, extensions, stored].find((q) => q.isError)?.error;
  const group = (legend: string, items: { id: string; name: string }[], key: keyof Assignment) => (
    <fieldset>
      <legend>{legend}</legend>
      {items.length === 0 && <small className="hint">{t('noneToAssign')}</small>}
      {items.map((item) => (
        <label key={item.id} className="check">
          <input
            type="checkbox"
            checked={draft?.[key].includes(item.id) ?? false}
            disabled={!draft}
            onChange={() => setDraft((d) => (d ? { ...d, [key]: toggled(d[key], item.id) } : d))}
          />{' '}
          {item.id} {item.name !== item.id && <small className="hint">{item.name}</small>}
        </label>
      ))}
    </fieldset>
  );
  return (
    <div className="assignment" role="group" aria-label={t('assignmentOf').replace('{name}', username)}>
      <p className="hint">{t('assignmentHint')}</p>
      {(error || loadError) && (
        <p className="error" role="alert">
          {error ?? reasonOf(loadError)}
        </p>
      )}
      {group(t('assignedQueues'), queues.data ?? [], 'queues')}
      {group(t('assignedMailboxes'), mailboxes, 'mailboxes')}
      <button type="button" className="primary" disabled={!draft} onClick={() => void save()}>
        {t('saveAssignment')}
      </button>
    </div>
  );
}
