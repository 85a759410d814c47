import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { discardMail, outboxMail, outboxMails, retryMailNow, type VoicemailMailRow } from '../../voicemail-mail/outbox.repository.js';
import * as routes from './outbox.routes.js';

type Status = (typeof routes.OUTBOX_STATUSES)[number];

/** A row as the page shows it: a pending mail is `waiting` until its first attempt failed, then `retrying`. */
export function outboxView(row: VoicemailMailRow) {
  const status: Status = row.state === 'pending' ? (row.attempts > 0 ? 'retrying' : 'waiting') : row.state;
  return {
    id: row.id,
    mailbox: row.mailbox,
    context: row.context,
    status,
    receivedAt: row.received_at,
    attempts: row.attempts,
    ...(row.last_attempt_at ? { lastAttemptAt: row.last_attempt_at } : {}),
    ...(row.state === 'pending' && row.next_attempt_at ? { nextAttemptAt: row.next_attempt_at } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    ...(row.sent_at ? { sentAt: row.sent_at } : {}),
  };
}

/** /voicemail-mail/outbox (admin): the voicemail mails, "retry now" and "discard". */
export function outboxRouter({ db, voicemailOutbox }: Pick<AppDeps, 'db' | 'voicemailOutbox'>) {
  const router = createRouter();

  /** The mail, or 404; 409 when it ended otherwise than `acting` allows (sent, skipped, discarded). */
  async function open(id: string): Promise<VoicemailMailRow> {
    const row = await outboxMail(db, id);
    if (!row) throw new AppError('not-found', say({ de: `Die Mail „${id}“ gibt es im Postausgang nicht`, en: `no mail "${id}" in the outbox` }));
    if (row.state !== 'pending' && row.state !== 'failed') {
      const status = outboxView(row).status;
      throw new AppError('conflict', say({ de: `Die Mail ist schon erledigt (${status})`, en: `the mail has already ended (${status})` }));
    }
    return row;
  }

  router.openapi(routes.getOutbox, async (c) => c.json({ mails: (await outboxMails(db)).map(outboxView) }, 200));

  router.openapi(routes.retryOutboxMail, async (c) => {
    const row = await open(c.req.valid('param').id);
    await retryMailNow(db, row, new Date());
    await voicemailOutbox?.outboxChanged();
    return c.json(outboxView((await outboxMail(db, row.id))!), 200);
  });

  router.openapi(routes.discardOutboxMail, async (c) => {
    const row = await open(c.req.valid('param').id);
    await discardMail(db, row.id);
    await voicemailOutbox?.outboxChanged();
    return c.json(outboxView((await outboxMail(db, row.id))!), 200);
  });
  return router;
}
