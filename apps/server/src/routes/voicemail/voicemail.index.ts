import { refuseOutside, scopedMailboxes } from '../../auth/operator-scope.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { getResource } from '../../resources/resources.repository.js';
import { storeMailboxPin } from '../../voicemail/mailbox-pin.js';
import { generatePin, HIDDEN_SECRET, pinWeakness, type Extension } from '../extensions/extensions.schema.js';
import * as routes from './voicemail.routes.js';

/** 404 for a box that is no extension with voicemail on, then 403 for one the actor is not given. */
async function refuseUnknownOrOutside(deps: Pick<AppDeps, 'db'>, box: string, actor: Parameters<typeof scopedMailboxes>[1]): Promise<void> {
  const extension = await getResource<Extension>(deps.db, 'extension', box);
  if (!extension?.body.voicemail.enabled) throw new AppError('not-found', say({ de: `Die Mailbox „${box}“ gibt es nicht`, en: `no mailbox "${box}"` }));
  refuseOutside('mailbox', box, await scopedMailboxes(deps.db, actor));
}

/** /voicemail: the mailboxes of the extensions (their PIN; issue #18). */
export function voicemailRouter(deps: Pick<AppDeps, 'db' | 'mailboxPins' | 'onChange'>) {
  const router = createRouter();
  router.openapi(routes.setPin, async (c) => {
    const { box } = c.req.valid('param');
    const { pin: given } = c.req.valid('json');
    await refuseUnknownOrOutside(deps, box, c.get('actor'));
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
