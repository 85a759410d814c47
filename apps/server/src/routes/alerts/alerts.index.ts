import type { AlertRow } from '../../alerts/alerts.repository.js';
import { alertHistory, openAlerts } from '../../alerts/alerts.repository.js';
import { readAlertSettings, settingsFromInput, settingsView, writeAlertSettings } from '../../alerts/alert-settings.js';
import { sendTestMail } from '../../alerts/mailer.js';
import type { AlertKind } from '../../alerts/conditions.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { getAlertSettings, listAlerts, putAlertSettings, testAlertMail } from './alerts.routes.js';

function alertView(row: AlertRow) {
  return {
    id: row.id,
    kind: row.kind as AlertKind,
    subject: row.subject,
    text: { de: row.text_de, en: row.text_en },
    openedAt: row.opened_at,
    ...(row.resolved_at ? { resolvedAt: row.resolved_at } : {}),
  };
}

/** GET /alerts, GET and PUT /alerts/settings, POST /alerts/settings/test (a real mail). */
export function alertsRouter({ db }: Pick<AppDeps, 'db'>) {
  const router = createRouter();
  router.openapi(listAlerts, async (c) => {
    const { limit } = c.req.valid('query');
    const [open, history] = await Promise.all([openAlerts(db), limit > 0 ? alertHistory(db, limit) : []]);
    return c.json({ open: open.map(alertView), history: history.map(alertView) }, 200);
  });
  router.openapi(getAlertSettings, async (c) => c.json(settingsView(await readAlertSettings(db)), 200));
  router.openapi(putAlertSettings, async (c) => {
    const settings = settingsFromInput(c.req.valid('json'), await readAlertSettings(db));
    await writeAlertSettings(db, settings);
    return c.json(settingsView(settings), 200);
  });
  router.openapi(testAlertMail, async (c) => {
    const { smtp } = settingsFromInput(c.req.valid('json'), await readAlertSettings(db));
    const need = say({ de: 'Für eine Test-E-Mail nötig', en: 'needed for a test mail' });
    const missing = [
      ...(smtp.host === '' ? ['smtp.host'] : []),
      ...(smtp.from === '' ? ['smtp.from'] : []),
      ...(smtp.recipients.length === 0 ? ['smtp.recipients'] : []),
    ];
    if (missing.length > 0) {
      throw new AppError('validation', say({ de: 'Die SMTP-Einstellungen sind unvollständig', en: 'the SMTP settings are incomplete' }), {
        issues: missing.map((path) => ({ path, message: need })),
      });
    }
    try {
      return c.json({ accepted: await sendTestMail(smtp) }, 200);
    } catch (error) {
      const reason = (error as Error).message;
      throw new AppError(
        'mail-failed',
        say({
          de: `Die Test-E-Mail ging nicht hinaus; der SMTP-Server ${smtp.host}:${smtp.port} meldet: ${reason}`,
          en: `the test mail did not go out; the SMTP server ${smtp.host}:${smtp.port} says: ${reason}`,
        }),
      );
    }
  });
  return router;
}
