import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AuditLog } from '../../audit/audit-log.js';
import { auditActor } from '../../audit/audit.middleware.js';
import { inScope, scopedMailboxes } from '../../auth/operator-scope.js';
import { AppError } from '../../errors.js';
import type { AppDeps, AppEnv } from '../../http/app-env.js';
import { byteRange } from '../../http/byte-range.js';
import { say } from '../../http/language.js';
import { listResources } from '../../resources/resources.repository.js';
import { amiMessageActions, VoicemailActionError, type MessageActions } from '../../voicemail/message-actions.js';
import { findMessage, listMessages, VOICEMAIL_SPOOL, type VoicemailMessage } from '../../voicemail/messages.js';
import type { Extension } from '../extensions/extensions.schema.js';
import { refuseUnknownOrOutside } from './mailbox-access.js';
import * as routes from './voicemail.routes.js';

type Deps = Pick<AppDeps, 'db' | 'asteriskRoot' | 'asterisk'> & { audit: AuditLog };

/** The message as the API shows it: without its path on disk. */
const shown = ({ file: _file, ...message }: VoicemailMessage) => message;

/** The spool and the AMI actions, or 503 without an Asterisk. */
function live(deps: Deps): { spool: string; actions: MessageActions } {
  if (!deps.asteriskRoot || !deps.asterisk) throw new AppError('asterisk-unavailable', say({ de: 'Kein Asterisk eingerichtet', en: 'no Asterisk configured' }));
  return { spool: join(deps.asteriskRoot, VOICEMAIL_SPOOL), actions: amiMessageActions(deps.asterisk.ami) };
}

function messageOf(spool: string, box: string, id: string): VoicemailMessage {
  const message = findMessage(spool, box, id);
  if (!message) throw new AppError('not-found', say({ de: `Die Nachricht „${id}“ gibt es in der Mailbox ${box} nicht`, en: `no message "${id}" in mailbox ${box}` }));
  return message;
}

/** Runs an app_voicemail action; its refusal (the message went meanwhile, say) is 503 with Asterisk's words. */
async function acting(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof VoicemailActionError)) throw error;
    throw new AppError('asterisk-unavailable', say({ de: `Asterisk hat abgelehnt: ${error.message}`, en: `Asterisk refused: ${error.message}` }));
  }
}

/** The web voicemail's routes on `router`: boxes, messages, audio with Range, heard, move, forward, delete. */
export function messageRoutes(router: OpenAPIHono<AppEnv>, deps: Deps): void {
  router.openapi(routes.listBoxes, async (c) => {
    const { spool } = live(deps);
    const scope = await scopedMailboxes(deps.db, c.get('actor'));
    const extensions = (await listResources<Extension>(deps.db, 'extension')).filter((e) => inScope(scope, e.id));
    const boxes = extensions.map((e) => {
      const messages = listMessages(spool, e.id);
      const fresh = messages.filter((m) => m.folder === 'INBOX').length;
      return { box: e.id, name: e.body.name, new: fresh, old: messages.length - fresh };
    });
    return c.json(boxes.sort((a, b) => Number(a.box) - Number(b.box)), 200);
  });

  router.openapi(routes.listMessages, async (c) => {
    const { box } = c.req.valid('param');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    return c.json(listMessages(live(deps).spool, box).map(shown), 200);
  });

  router.openapi(routes.messageAudio, async (c) => {
    const { box, id } = c.req.valid('param');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const file = `${messageOf(live(deps).spool, box, id).file}.wav`;
    const size = statSync(file).size;
    const range = byteRange(c.req.header('range'), size);
    if (range === 'unsatisfiable') return c.body(null, 416, { 'content-range': `bytes */${size}` }) as never;
    // A player asks again for every seek: one audit entry per playback, at its first bytes.
    if (!range || range.start === 0) {
      await deps.audit.append({ actor: auditActor(c.get('actor')), address: c.get('actor').address, action: 'voicemail.listen', resource: { type: 'mailbox', id: box }, after: { message: id } });
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream;
    const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'content-length': String(end - start + 1), 'cache-control': 'no-store' };
    if (!range) return c.body(body, 200, headers) as never;
    return c.body(body, 206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}` }) as never;
  });

  router.openapi(routes.markHeard, async (c) => {
    const { box, id } = c.req.valid('param');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const { spool, actions } = live(deps);
    const message = messageOf(spool, box, id);
    if (message.folder === 'INBOX') await acting(() => actions.move(box, message, 'Old'));
    return c.json(shown(messageOf(spool, box, id)), 200);
  });

  router.openapi(routes.moveMessage, async (c) => {
    const { box, id } = c.req.valid('param');
    const { folder } = c.req.valid('json');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const { spool, actions } = live(deps);
    const message = messageOf(spool, box, id);
    if (message.folder !== folder) await acting(() => actions.move(box, message, folder));
    return c.json(shown(messageOf(spool, box, id)), 200);
  });

  router.openapi(routes.forwardMessage, async (c) => {
    const { box, id } = c.req.valid('param');
    const { box: toBox } = c.req.valid('json');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    await refuseUnknownOrOutside(deps.db, toBox, undefined);
    const { spool, actions } = live(deps);
    const message = messageOf(spool, box, id);
    await acting(() => actions.forward(box, message, toBox));
    return c.body(null, 204);
  });

  router.openapi(routes.deleteMessage, async (c) => {
    const { box, id } = c.req.valid('param');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const { spool, actions } = live(deps);
    await acting(() => actions.remove(box, messageOf(spool, box, id)));
    return c.body(null, 204);
  });
}
