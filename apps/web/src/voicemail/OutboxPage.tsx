import { useState } from 'react';
import type { Schema } from '../api/client.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable } from '../admin/DataTable.js';
import { useI18n, type TextKey } from '../i18n.js';

type Mail = Schema<'VoicemailOutboxMail'>;
type Status = Mail['status'];

/** The page's sections in order; ended mails other than sent (skipped, discarded) are listed with the sent ones. */
const SECTIONS: readonly { label: TextKey; statuses: readonly Status[] }[] = [
  { label: 'vmOutboxWaiting', statuses: ['waiting'] },
  { label: 'vmOutboxRetrying', statuses: ['retrying'] },
  { label: 'vmOutboxFailed', statuses: ['failed'] },
  { label: 'vmOutboxEnded', statuses: ['sent', 'skipped', 'discarded'] },
];

const STATUS_TEXT: Record<Status, TextKey> = {
  waiting: 'vmOutboxStatusWaiting',
  retrying: 'vmOutboxStatusRetrying',
  sent: 'vmOutboxStatusSent',
  failed: 'vmOutboxStatusFailed',
  skipped: 'vmOutboxStatusSkipped',
  discarded: 'vmOutboxStatusDiscarded',
};

/** How often the page asks again: a retry's outcome shows without a reload. */
const REFRESH_MS = 5000;

/**
 * The voicemail mail outbox (admin, GET /voicemail-mail/outbox): mails waiting, retrying with the
 * SMTP server's last answer and the next try, given up, and the recent ended ones; "retry now"
 * and "discard" for those not ended.
 */
export function OutboxPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const outbox = api.query.useQuery('get', '/voicemail-mail/outbox', {}, { refetchInterval: REFRESH_MS });
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const time = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString(language) : '');

  const act = async (mail: Mail, action: 'retry' | 'discard') => {
    setError(undefined);
    setNotice(undefined);
    try {
      const path = { params: { path: { id: mail.id } } };
      if (action === 'retry') await api.client.POST('/voicemail-mail/outbox/{id}/retry', path);
      else await api.client.POST('/voicemail-mail/outbox/{id}/discard', path);
      setNotice(t(action === 'retry' ? 'vmOutboxRetried' : 'vmOutboxDiscarded').replace('{box}', mail.mailbox));
      await outbox.refetch();
    } catch (e) {
      setError(reasonOf(e));
    }
  };

  return (
    <section className="admin-page" aria-label={t('navVoicemailOutbox')}>
      <h2>{t('navVoicemailOutbox')}</h2>
      <p className="hint">{t('vmOutboxHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {outbox.error && (
        <p className="error" role="alert">
          {reasonOf(outbox.error)}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {SECTIONS.map((section) => {
        const rows = (outbox.data?.mails ?? []).filter((m) => section.statuses.includes(m.status));
        const open = section.label !== 'vmOutboxEnded';
        return (
          <section key={section.label} aria-label={t(section.label)}>
            <h3>
              {t(section.label)} ({rows.length})
            </h3>
            <DataTable
              label={t(section.label)}
              rows={rows}
              rowKey={(m) => m.id}
              initialSort={{ key: 'received', dir: -1 }}
              columns={[
                { key: 'received', label: 'vmOutboxReceived', value: (m) => m.receivedAt, render: (m) => time(m.receivedAt) },
                { key: 'box', label: 'vmBox', value: (m) => m.mailbox },
                { key: 'status', label: 'vmOutboxStatus', value: (m, tr) => tr(STATUS_TEXT[m.status]) },
                { key: 'attempts', label: 'vmOutboxAttempts', value: (m) => m.attempts },
                { key: 'error', label: 'vmOutboxLastError', value: (m) => m.lastError ?? '' },
                {
                  key: 'when',
                  label: open ? 'vmOutboxNextTry' : 'vmOutboxSentAt',
                  value: (m) => (open ? (m.nextAttemptAt ?? '') : (m.sentAt ?? '')),
                  render: (m) => time(open ? m.nextAttemptAt : m.sentAt),
                },
              ]}
              {...(open
                ? {
                    actions: (m: Mail) => (
                      <>
                        <button type="button" onClick={() => void act(m, 'retry')}>
                          {t('vmOutboxRetry')}
                        </button>{' '}
                        <button type="button" onClick={() => void act(m, 'discard')}>
                          {t('vmOutboxDiscard')}
                        </button>
                      </>
                    ),
                  }
                : {})}
            />
          </section>
        );
      })}
    </section>
  );
}
