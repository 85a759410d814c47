import { useEffect, useId, useState } from 'react';
import { ApiError, type Schema } from '../api/client.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { DataTable } from './DataTable.js';

type AlertSettings = Schema<'AlertSettings'>;
type AlertSettingsInput = Schema<'AlertSettingsInput'>;
type Recipient = Schema<'AlertRecipient'>;

/** A failure as the server said it: its field problems, else its message. */
function problemText(e: unknown): string {
  return e instanceof ApiError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : reasonOf(e);
}

/** "name@example.com en" per line; a line without a language gets both. */
function recipientsFrom(text: string): Recipient[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([address]) => address)
    .map(([address, language]) => ({ address: address!, language: language === 'de' || language === 'en' ? language : 'both' }));
}

function recipientsText(recipients: Recipient[]): string {
  return recipients.map((r) => (r.language === 'both' ? r.address : `${r.address} ${r.language}`)).join('\n');
}

/** Alerts: the history, the SMTP settings with a test mail, and the thresholds (GET/PUT /alerts/settings). */
export function AlertsPage() {
  const { t, language } = useI18n();
  const api = useApi();
  const ids = { enabled: useId(), host: useId(), port: useId(), tls: useId(), user: useId(), password: useId(), from: useId(), recipients: useId(), disk: useId(), bans: useId(), window: useId(), quiet: useId() };
  const settings = api.query.useQuery('get', '/alerts/settings');
  const history = api.query.useQuery('get', '/alerts', { params: { query: { limit: 100 } } });
  const [form, setForm] = useState<AlertSettings>();
  const [recipients, setRecipients] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  useEffect(() => {
    if (!settings.data) return;
    setForm(settings.data);
    setRecipients(recipientsText(settings.data.smtp.recipients));
  }, [settings.data]);

  /** The form as the API takes it: the password only when one was typed (else the stored one is kept). */
  const body = (): AlertSettingsInput => {
    const { passwordSet: _, ...smtp } = form!.smtp;
    return { ...form!, smtp: { ...smtp, recipients: recipientsFrom(recipients), ...(password !== '' ? { password } : {}) } };
  };
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage({ error: false, text: await work() });
    } catch (e) {
      setMessage({ error: true, text: problemText(e) });
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const { data } = await api.client.PUT('/alerts/settings', { body: body() });
      setForm(data);
      setPassword('');
      return t('alertSaved');
    });
  const test = () =>
    run(async () => {
      const { data } = await api.client.POST('/alerts/settings/test', { body: body() });
      return t('alertTestSent').replace('{to}', data!.accepted.join(', '));
    });
  const smtp = form?.smtp;
  const setSmtp = (change: Partial<AlertSettings['smtp']>) => setForm({ ...form!, smtp: { ...smtp!, ...change } });

  return (
    <section className="admin-page" aria-label={t('navAlerts')}>
      <h2>{t('navAlerts')}</h2>
      {message && (
        <p className={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {settings.error && (
        <p className="error" role="alert">
          {reasonOf(settings.error)}
        </p>
      )}
      <h3>{t('alertHistory')}</h3>
      <DataTable
        label={t('alertHistory')}
        rows={history.data?.history ?? []}
        rowKey={(a) => a.id}
        columns={[
          { key: 'text', label: 'alertText', value: (a) => a.text[language] },
          { key: 'since', label: 'alertSince', value: (a) => a.openedAt, render: (a) => new Date(a.openedAt).toLocaleString(language) },
          { key: 'resolved', label: 'alertResolvedAt', value: (a) => a.resolvedAt ?? '', render: (a) => (a.resolvedAt ? new Date(a.resolvedAt).toLocaleString(language) : '') },
        ]}
      />
      {form && smtp && (
        <>
          <h3>{t('alertMail')}</h3>
          <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor={ids.enabled}>
                <input id={ids.enabled} type="checkbox" checked={smtp.enabled} onChange={(e) => setSmtp({ enabled: e.target.checked })} /> {t('alertMailEnabled')}
              </label>
            </div>
            <div className="field">
              <label htmlFor={ids.host}>{t('alertSmtpHost')}</label>
              <input id={ids.host} value={smtp.host} onChange={(e) => setSmtp({ host: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={ids.port}>{t('alertSmtpPort')}</label>
              <input id={ids.port} type="number" min={1} max={65535} value={smtp.port} onChange={(e) => setSmtp({ port: Number(e.target.value) })} />
            </div>
            <div className="field">
              <label htmlFor={ids.tls}>{t('alertSmtpTls')}</label>
              <select id={ids.tls} value={smtp.tls} onChange={(e) => setSmtp({ tls: e.target.value as AlertSettings['smtp']['tls'] })}>
                <option value="starttls">{t('alertTlsStarttls')}</option>
                <option value="tls">{t('alertTlsTls')}</option>
                <option value="none">{t('alertTlsNone')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.user}>{t('alertSmtpUser')}</label>
              <input id={ids.user} value={smtp.user} autoComplete="off" onChange={(e) => setSmtp({ user: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={ids.password}>{t('alertSmtpPassword')}</label>
              <input id={ids.password} type="password" autoComplete="new-password" value={password} placeholder={smtp.passwordSet ? t('alertSmtpPasswordKept') : ''} onChange={(e) => setPassword(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.from}>{t('alertSmtpFrom')}</label>
              <input id={ids.from} type="email" value={smtp.from} onChange={(e) => setSmtp({ from: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={ids.recipients}>{t('alertRecipients')}</label>
              <textarea id={ids.recipients} rows={3} value={recipients} onChange={(e) => setRecipients(e.target.value)} />
            </div>
            <button type="button" disabled={busy} onClick={() => void test()}>
              {t('alertTest')}
            </button>
          </form>
          <h3>{t('alertThresholds')}</h3>
          <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor={ids.disk}>{t('alertDiskMin')}</label>
              <input id={ids.disk} type="number" min={1} value={form.diskMinFreeMb} onChange={(e) => setForm({ ...form, diskMinFreeMb: Number(e.target.value) })} />
            </div>
            <div className="field">
              <label htmlFor={ids.bans}>{t('alertBansCount')}</label>
              <input id={ids.bans} type="number" min={1} value={form.bansCount} onChange={(e) => setForm({ ...form, bansCount: Number(e.target.value) })} />
            </div>
            <div className="field">
              <label htmlFor={ids.window}>{t('alertBansWindow')}</label>
              <input id={ids.window} type="number" min={1} value={form.bansWindowMinutes} onChange={(e) => setForm({ ...form, bansWindowMinutes: Number(e.target.value) })} />
            </div>
            <div className="field">
              <label htmlFor={ids.quiet}>{t('alertQuiet')}</label>
              <input id={ids.quiet} type="number" min={0} value={form.quietMinutes} onChange={(e) => setForm({ ...form, quietMinutes: Number(e.target.value) })} />
            </div>
            <button type="button" disabled={busy} onClick={() => void save()}>
              {t('alertSave')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
