import { useId, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';

const ROLE_TEXT: Record<Role, TextKey> = { operator: 'roleOperator', editor: 'roleEditor', admin: 'roleAdmin' };

/** The admin's API tokens (GET/POST/DELETE /tokens): each with its role and last use; a new one is shown once, with a copy button. */
export function TokensPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const tokens = api.query.useQuery('get', '/tokens');
  const ids = { name: useId(), role: useId() };
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [copied, setCopied] = useState(false);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(language) : t('tokenNeverUsed'));
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      await tokens.refetch();
    } catch (e) {
      setError(reasonOf(e));
    }
  };
  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setCreated(undefined);
    setCopied(false);
    void run(async () => {
      const { data } = await api.client.POST('/tokens', { body: { name: String(form.get('name')), role: form.get('role') as Role } });
      if (data) setCreated({ name: data.name, token: data.token });
      formElement.reset();
    });
  };
  return (
    <section className="admin-page" aria-label={t('navTokens')}>
      <h2>{t('navTokens')}</h2>
      <p className="hint">{t('tokensHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="once" role="status" data-testid="shown-once">
          {t('tokenCreated').replace('{name}', created.name)} <code data-testid="secret">{created.token}</code>{' '}
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard
                ?.writeText(created.token)
                .then(() => setCopied(true))
                .catch(() => setCopied(false))
            }
          >
            {copied ? t('copied') : t('copy')}
          </button>
          <small className="hint"> {t('secretOnce')}</small>
        </div>
      )}
      <form className="resource-form users-form" aria-label={t('createToken')} onSubmit={create}>
        <label htmlFor={ids.name}>{t('tokenName')}</label>
        <input id={ids.name} name="name" required maxLength={64} />
        <label htmlFor={ids.role}>{t('role')}</label>
        <select id={ids.role} name="role" defaultValue="operator">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_TEXT[r])}
            </option>
          ))}
        </select>
        <button type="submit" className="primary">
          {t('createToken')}
        </button>
      </form>
      <table className="data-table" aria-label={t('navTokens')}>
        <thead>
          <tr>
            <th>{t('tokenName')}</th>
            <th>{t('role')}</th>
            <th>{t('tokenCreatedAt')}</th>
            <th>{t('tokenCreatedBy')}</th>
            <th>{t('tokenLastUsed')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((token) => (
            <tr key={token.id} data-token={token.name}>
              <td>{token.name}</td>
              <td>{t(ROLE_TEXT[token.role])}</td>
              <td>{when(token.createdAt)}</td>
              <td>{token.createdBy ?? '–'}</td>
              <td>{when(token.lastUsedAt)}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(t('revokeConfirm').replace('{name}', token.name))) {
                      void run(() => api.client.DELETE('/tokens/{id}', { params: { path: { id: token.id } } }));
                    }
                  }}
                >
                  {t('revokeToken')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
