import { useId, useState, type FormEvent } from 'react';
import type { Role } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable } from '../admin/DataTable.js';
import { RoleOptions, ROLE_TEXT } from '../auth/roles.js';
import { useI18n } from '../i18n.js';
import { ErrorText } from '../admin/outcome.js';

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
      <ErrorText error={error} />
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
          <RoleOptions />
        </select>
        <button type="submit" className="primary">
          {t('createToken')}
        </button>
      </form>
      <DataTable
        label={t('navTokens')}
        rows={tokens.data ?? []}
        rowKey={(token) => token.id}
        rowData={(token) => ({ 'data-token': token.name })}
        columns={[
          { key: 'name', label: 'tokenName', value: (token) => token.name },
          { key: 'role', label: 'role', value: (token) => t(ROLE_TEXT[token.role]) },
          { key: 'created', label: 'tokenCreatedAt', value: (token) => token.createdAt, render: (token) => when(token.createdAt) },
          { key: 'by', label: 'tokenCreatedBy', value: (token) => token.createdBy ?? '–' },
          { key: 'used', label: 'tokenLastUsed', value: (token) => token.lastUsedAt ?? '', render: (token) => when(token.lastUsedAt) },
        ]}
        actions={(token) => (
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
        )}
      />
    </section>
  );
}
