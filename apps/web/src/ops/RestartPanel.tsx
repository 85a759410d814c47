import { useState } from 'react';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { startedAt, waitForRestart } from './restart.js';

/**
 * A staged restore and the button that puts it in place (POST /restart): the server closes and
 * starts again on the same port; the page waits for /health to name the new start, then reloads
 * (the restored database has its own sessions: the login may show).
 */
export function RestartPanel({ pending }: { pending: { createdAt: string; files: number } }) {
  const { t, language } = useI18n();
  const api = useApi();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'restarting' } | { kind: 'failed'; reason: string }>({ kind: 'idle' });
  const restart = async () => {
    setState({ kind: 'restarting' });
    try {
      // Without the old start's time, the old server's next answer would pass for the new one.
      const before = await startedAt();
      if (before === undefined) throw new Error(t('restartNoHealth'));
      await api.client.POST('/restart');
      if (await waitForRestart(before)) window.location.reload();
      else setState({ kind: 'failed', reason: t('restartTimeout') });
    } catch (e) {
      setState({ kind: 'failed', reason: reasonOf(e) });
    }
  };
  return (
    <div className="once" data-testid="restore-pending">
      <p>
        {t('restartNeeded')} ({new Date(pending.createdAt).toLocaleString(language)}, {pending.files} {t('restoreFiles')})
      </p>
      {state.kind === 'restarting' && <p role="status">{t('restarting')}</p>}
      {state.kind === 'failed' && (
        <p className="error" role="alert">
          {state.reason}
        </p>
      )}
      <button type="button" className="primary" disabled={state.kind === 'restarting'} onClick={() => void restart()}>
        {t('restartNow')}
      </button>
    </div>
  );
}
