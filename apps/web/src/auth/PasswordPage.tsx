import { useId, useState, type FormEvent } from 'react';
import { currentSession, startSession } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';

/** Setting one's own password in place of a one-time password (the server allows nothing else until then). */
export function PasswordPage() {
  const api = useApi();
  const { t } = useI18n();
  const ids = { current: useId(), next: useId() };
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await api.client.PUT('/auth/password', { body: { currentPassword: String(form.get('current')), newPassword: String(form.get('next')) } });
      const session = currentSession();
      if (typeof session === 'object') startSession({ ...session, mustChangePassword: false });
    } catch (e) {
      setError(reasonOf(e));
    }
  };
  return (
    <main className="login">
      <form className="login-form" aria-label={t('passwordTitle')} onSubmit={(e) => void submit(e)}>
        <h2>{t('passwordTitle')}</h2>
        <p className="hint">{t('passwordWhy')}</p>
        <label htmlFor={ids.current}>{t('currentPassword')}</label>
        <input id={ids.current} name="current" type="password" autoComplete="current-password" required />
        <label htmlFor={ids.next}>{t('newPassword')}</label>
        <input id={ids.next} name="next" type="password" autoComplete="new-password" minLength={10} required />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('savePassword')}
        </button>
      </form>
    </main>
  );
}
