import { useId, useState, type FormEvent } from 'react';
import type { Role } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable } from '../admin/DataTable.js';
import { useI18n } from '../i18n.js';
import { AssignmentEditor } from '../ops/AssignmentEditor.js';
import { RoleOptions, ROLE_TEXT } from './roles.js';
import { ErrorText } from '../admin/outcome.js';

/** A one-time password to hand on: 15 random bytes, base64url (20 characters). */
function oneTimePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(15));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/** The admin's users page: who may log in, in which role; one-time passwords for new users and resets. */
export function UsersPage() {
  const api = useApi();
  const { t } = useI18n();
  const users = api.query.useQuery('get', '/users');
  const ids = { name: useId(), role: useId(), password: useId() };
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [password, setPassword] = useState(oneTimePassword);
  /** The operator whose queues and mailboxes are being assigned. */
  const [assigning, setAssigning] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const run = async (action: () => Promise<unknown>, done?: string) => {
    setError(undefined);
    setNotice(undefined);
    setSaved(undefined);
    try {
      await action();
      if (done) setNotice(done);
      await users.refetch();
    } catch (e) {
      setError(reasonOf(e));
    }
  };
  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username'));
    void run(async () => {
      await api.client.POST('/users', { body: { username, role: form.get('role') as Role, password } });
      setPassword(oneTimePassword());
    }, `${t('userCreated').replace('{name}', username)} ${password}`);
  };
  return (
    <section className="admin-page" aria-label={t('navUsers')}>
      <h2>{t('navUsers')}</h2>
      <ErrorText error={error} />
      {notice && (
        <div className="once" role="status" data-testid="shown-once">
          {notice}
          <small className="hint"> {t('secretOnce')}</small>
        </div>
      )}
      {saved && <p role="status">{saved}</p>}
      <form className="resource-form users-form" aria-label={t('createUser')} onSubmit={create}>
        <label htmlFor={ids.name}>{t('username')}</label>
        <input id={ids.name} name="username" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" />
        <label htmlFor={ids.role}>{t('role')}</label>
        <select id={ids.role} name="role" defaultValue="operator">
          <RoleOptions />
        </select>
        <label htmlFor={ids.password}>{t('oneTimePassword')}</label>
        <input id={ids.password} value={password} onChange={(e) => setPassword(e.target.value)} minLength={10} required />
        <button type="submit" className="primary">
          {t('createUser')}
        </button>
      </form>
      <DataTable
        label={t('navUsers')}
        rows={users.data ?? []}
        rowKey={(u) => u.id}
        rowData={(u) => ({ 'data-user': u.username })}
        columns={[
          {
            key: 'username',
            label: 'username',
            value: (u) => u.username,
            render: (u) => (
              <>
                {u.username}
                {u.mustChangePassword && <small className="hint"> ({t('mustChange')})</small>}
              </>
            ),
          },
          {
            key: 'role',
            label: 'role',
            value: (u) => t(ROLE_TEXT[u.role]),
            render: (u) => (
              <select
                aria-label={`${t('role')} ${u.username}`}
                value={u.role}
                onChange={(e) => void run(() => api.client.PUT('/users/{id}', { params: { path: { id: u.id } }, body: { role: e.target.value as Role } }))}
              >
                <RoleOptions />
              </select>
            ),
          },
        ]}
        actions={(u) => (
          <>
            {u.role === 'operator' && (
              <button type="button" aria-expanded={assigning === u.id} onClick={() => setAssigning((a) => (a === u.id ? undefined : u.id))}>
                {t('assignment')}
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                const fresh = oneTimePassword();
                void run(() => api.client.PUT('/users/{id}', { params: { path: { id: u.id } }, body: { password: fresh } }), `${t('passwordReset').replace('{name}', u.username)} ${fresh}`);
              }}
            >
              {t('resetPassword')}
            </button>
            <button
              type="button"
              onClick={() => {
                if (window.confirm(t('deleteConfirm').replace('{id}', u.username))) void run(() => api.client.DELETE('/users/{id}', { params: { path: { id: u.id } } }));
              }}
            >
              {t('delete')}
            </button>
          </>
        )}
        detail={(u) =>
          assigning === u.id &&
          u.role === 'operator' && (
            <AssignmentEditor
              userId={u.id}
              username={u.username}
              onDone={(done) => {
                setAssigning(undefined);
                setSaved(done);
              }}
            />
          )
        }
      />
    </section>
  );
}
