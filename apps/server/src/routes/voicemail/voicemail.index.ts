import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { storeMailboxPin } from '../../voicemail/mailbox-pin.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { generatePin, HIDDEN_SECRET, pinWeakness } from '../extensions/extensions.schema.js';
import { refuseUnknownOrOutside } from './mailbox-access.js';
import { greetingRoutes } from './voicemail-greetings.js';
import { messageRoutes } from './voicemail-messages.js';
import * as routes from './voicemail.routes.js';

/** /voicemail: the mailboxes of the extensions: their PIN and their messages (issue #18). */
export function voicemailRouter(deps: Pick<AppDeps, 'db' | 'mailboxPins' | 'onChange' | 'asteriskRoot' | 'asterisk'> & { audit: AuditLog }) {
  const router = createRouter();
  messageRoutes(router, deps);
  greetingRoutes(router, deps);
  router.openapi(routes.setPin, async (c) => {
    const { box } = c.req.valid('param');
    const { pin: given } = c.req.valid('json');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    if (given !== undefined) {
      const weak = pinWeakness(given, box);
      if (weak) throw new AppError('validation', say({ de: 'Die PIN ist nicht gültig', en: 'invalid PIN' }), { issues: [{ path: 'pin', message: say(weak) }] });
    }
    const pin = given ?? generatePin(box);
    let live = false;
    if (deps.mailboxPins) live = (await deps.mailboxPins.set(box, pin, true)).live;
    else {
      await storeMailboxPin(deps.db, box, pin);
      deps.onChange?.();
    }
    return c.json({ pin: given === undefined ? pin : HIDDEN_SECRET, live }, 200);
  });
  return router;
}
