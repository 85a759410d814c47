import { useId, useState, type FormEvent } from 'react';
import { startSession } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type UiLanguage } from '../i18n.js';
import { sessionFrom } from './SessionGate.js';

/** The login: user name and password, in German or English. */
export function LoginPage() {
  const api = useApi();
  const { t, language, setLanguage } = useI18n();
  const ids = { user: useId(), password: useId(), language: useId() };
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await api.client.POST('/auth/login', { body: { username: String(form.get('username')), password: String(form.get('password')) } });
      startSession(sessionFrom(data!));
    } catch (e) {
      setError(reasonOf(e));
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="login-form" aria-label={t('loginTitle')} onSubmit={(e) => void submit(e)}>
        <h1>{t('appTitle')}</h1>
        <h2>{t('loginTitle')}</h2>
        <label htmlFor={ids.user}>{t('username')}</label>
        <input id={ids.user} name="username" autoComplete="username" required autoFocus />
        <label htmlFor={ids.password}>{t('password')}</label>
        <input id={ids.password} name="password" type="password" autoComplete="current-password" required />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('loginButton')}
        </button>
        <label htmlFor={ids.language}>{t('language')}</label>
        <select id={ids.language} value={language} onChange={(e) => setLanguage(e.target.value as UiLanguage)}>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>
      </form>
    </main>
  );
}
