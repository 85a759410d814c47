import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../errors.js';
import type { AppDeps, AppEnv } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { convertUpload, synthesize } from '../../prompts/prompt-audio.js';
import { boxDir, GREETING_KINDS, greetingBytes, greetingFile, installGreeting, removeGreeting, type GreetingKind } from '../../voicemail/greetings.js';
import { VOICEMAIL_SPOOL } from '../../voicemail/messages.js';
import * as routes from './greetings.routes.js';
import { refuseUnknownOrOutside } from './mailbox-access.js';

type Deps = Pick<AppDeps, 'db' | 'asteriskRoot'>;

function spoolOf(deps: Deps): string {
  if (!deps.asteriskRoot) throw new AppError('asterisk-unavailable', say({ de: 'Kein Asterisk eingerichtet', en: 'no Asterisk configured' }));
  return join(deps.asteriskRoot, VOICEMAIL_SPOOL);
}

const shown = (spool: string, box: string, kind: GreetingKind) => {
  const bytes = greetingBytes(spool, box, kind);
  return { kind, present: bytes !== undefined, ...(bytes !== undefined ? { bytes } : {}) };
};

const noGreeting = (box: string, kind: string) => new AppError('not-found', say({ de: `Die Mailbox ${box} hat keine Ansage „${kind}“`, en: `mailbox ${box} has no ${kind} greeting` }));

/**
 * Makes the greeting's WAV with `make` beside it in the box's directory (a rename across file
 * systems would fail), then puts it in place; a failure leaves the old greeting.
 */
async function replaceGreeting(spool: string, box: string, kind: GreetingKind, make: (target: string) => Promise<void>): Promise<void> {
  const target = join(boxDir(spool, box), `.${kind}.${process.pid}.new.wav`);
  try {
    await make(target);
    installGreeting(spool, box, kind, target);
  } finally {
    rmSync(target, { force: true });
  }
}

/** The greetings of a box: list, upload (converted like prompts), TTS, play, delete. */
export function greetingRoutes(router: OpenAPIHono<AppEnv>, deps: Deps): void {
  router.openapi(routes.listGreetings, async (c) => {
    const { box } = c.req.valid('param');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const spool = spoolOf(deps);
    return c.json(GREETING_KINDS.map((kind) => shown(spool, box, kind)), 200);
  });

  router.openapi(routes.uploadGreeting, async (c) => {
    const { box, kind } = c.req.valid('param') as { box: string; kind: GreetingKind };
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const spool = spoolOf(deps);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    const format = type === 'audio/mpeg' || type === 'audio/mp3' ? 'mp3' : type === 'audio/wav' || type === 'audio/x-wav' || type === 'audio/wave' ? 'wav' : undefined;
    if (!format) {
      throw new AppError('validation', say({ de: 'Dieses Audioformat wird nicht unterstützt', en: 'unsupported audio type' }), {
        issues: [{ path: 'content-type', message: say({ de: 'audio/wav oder audio/mpeg', en: 'audio/wav or audio/mpeg' }) }],
      });
    }
    const data = new Uint8Array(await c.req.arrayBuffer());
    if (data.byteLength === 0) {
      throw new AppError('validation', say({ de: 'Die hochgeladene Datei ist leer', en: 'empty upload' }), { issues: [{ path: '(body)', message: say({ de: 'Kein Audio', en: 'no audio' }) }] });
    }
    await replaceGreeting(spool, box, kind, (target) => convertUpload(data, format, target));
    return c.json(shown(spool, box, kind), 200);
  });

  router.openapi(routes.speakGreeting, async (c) => {
    const { box, kind } = c.req.valid('param') as { box: string; kind: GreetingKind };
    const { text, language } = c.req.valid('json');
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const spool = spoolOf(deps);
    await replaceGreeting(spool, box, kind, (target) => synthesize(text, language, target));
    return c.json(shown(spool, box, kind), 200);
  });

  router.openapi(routes.greetingAudio, async (c) => {
    const { box, kind } = c.req.valid('param') as { box: string; kind: GreetingKind };
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    const spool = spoolOf(deps);
    if (greetingBytes(spool, box, kind) === undefined) throw noGreeting(box, kind);
    return c.body(readFileSync(greetingFile(spool, box, kind)), 200, { 'content-type': 'audio/wav', 'cache-control': 'no-store' }) as never;
  });

  router.openapi(routes.deleteGreeting, async (c) => {
    const { box, kind } = c.req.valid('param') as { box: string; kind: GreetingKind };
    await refuseUnknownOrOutside(deps.db, box, c.get('actor'));
    if (!removeGreeting(spoolOf(deps), box, kind)) throw noGreeting(box, kind);
    return c.body(null, 204);
  });
}
