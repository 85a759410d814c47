import { useEffect, useState } from 'react';
import type { Schema } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { DataTable } from './DataTable.js';
import { CheckField, Field, NumberField, useDraft } from './Field.js';
import { ErrorText, OutcomeText, useRun } from './outcome.js';

type AlertSettings = Schema<'AlertSettings'>;
type AlertSettingsInput = Schema<'AlertSettingsInput'>;
type Recipient = Schema<'AlertRecipient'>;

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
  const settings = api.query.useQuery('get', '/alerts/settings');
  const history = api.query.useQuery('get', '/alerts', { params: { query: { limit: 100 } } });
  const [form, setForm] = useDraft<AlertSettings>(settings.data);
  const [recipients, setRecipients] = useState('');
  const [password, setPassword] = useState('');
  const { busy, outcome, run } = useRun();
  useEffect(() => {
    if (settings.data) setRecipients(recipientsText(settings.data.smtp.recipients));
  }, [settings.data]);

  /** The form as the API takes it: the password only when one was typed (else the stored one is kept). */
  const body = (): AlertSettingsInput => {
    const { passwordSet: _, ...smtp } = form!.smtp;
    return { ...form!, smtp: { ...smtp, recipients: recipientsFrom(recipients), ...(password !== '' ? { password } : {}) } };
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
      <OutcomeText outcome={outcome} />
      <ErrorText error={settings.error} />
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
            <CheckField label={t('alertMailEnabled')} checked={smtp.enabled} onChange={(enabled) => setSmtp({ enabled })} />
            <Field label={t('alertSmtpHost')}>{(id) => <input id={id} value={smtp.host} onChange={(e) => setSmtp({ host: e.target.value })} />}</Field>
            <NumberField label={t('alertSmtpPort')} min={1} max={65535} value={smtp.port} onChange={(port) => setSmtp({ port })} />
            <Field label={t('alertSmtpTls')}>
              {(id) => (
                <select id={id} value={smtp.tls} onChange={(e) => setSmtp({ tls: e.target.value as AlertSettings['smtp']['tls'] })}>
                  <option value="starttls">{t('alertTlsStarttls')}</option>
                  <option value="tls">{t('alertTlsTls')}</option>
                  <option value="none">{t('alertTlsNone')}</option>
                </select>
              )}
            </Field>
            <Field label={t('alertSmtpUser')}>{(id) => <input id={id} value={smtp.user} autoComplete="off" onChange={(e) => setSmtp({ user: e.target.value })} />}</Field>
            <Field label={t('alertSmtpPassword')}>
              {(id) => <input id={id} type="password" autoComplete="new-password" value={password} placeholder={smtp.passwordSet ? t('alertSmtpPasswordKept') : ''} onChange={(e) => setPassword(e.target.value)} />}
            </Field>
            <Field label={t('alertSmtpFrom')}>{(id) => <input id={id} type="email" value={smtp.from} onChange={(e) => setSmtp({ from: e.target.value })} />}</Field>
            <Field label={t('alertRecipients')}>{(id) => <textarea id={id} rows={3} value={recipients} onChange={(e) => setRecipients(e.target.value)} />}</Field>
            <button type="button" disabled={busy} onClick={() => void test()}>
              {t('alertTest')}
            </button>
          </form>
          <h3>{t('alertThresholds')}</h3>
          <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
            <NumberField label={t('alertDiskMin')} min={1} value={form.diskMinFreeMb} onChange={(diskMinFreeMb) => setForm({ ...form, diskMinFreeMb })} />
            <NumberField label={t('alertBansCount')} min={1} value={form.bansCount} onChange={(bansCount) => setForm({ ...form, bansCount })} />
            <NumberField label={t('alertBansWindow')} min={1} value={form.bansWindowMinutes} onChange={(bansWindowMinutes) => setForm({ ...form, bansWindowMinutes })} />
            <NumberField label={t('alertQuiet')} min={0} value={form.quietMinutes} onChange={(quietMinutes) => setForm({ ...form, quietMinutes })} />
            <button type="button" disabled={busy} onClick={() => void save()}>
              {t('alertSave')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
