import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DialplanError } from '../errors.js';
import { renderConfbridge } from './confbridge.js';
import { musterfirma } from './fixtures.js';
import { renderMusicOnHold } from './moh.js';
import { renderPjsip } from './pjsip.js';
import { renderQueues } from './queues.js';
import { renderRouting } from './routing.js';
import { EMPTY_RESOURCES } from './types.js';
import { renderVoicemail } from './voicemail.js';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/** Compares with `golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead. */
function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(text, `${name} differs; if intended, run with UPDATE_GOLDEN=1`).toBe(readFileSync(file, 'utf8'));
}

describe('resource renderers (golden)', () => {
  it('pjsip.conf', () => expectGolden('pjsip.conf', renderPjsip(musterfirma)));
  it('voicemail.conf', () => expectGolden('voicemail.conf', renderVoicemail(musterfirma)));
  it('queues.conf', () => expectGolden('queues.conf', renderQueues(musterfirma)));
  it('confbridge.conf', () => expectGolden('confbridge.conf', renderConfbridge(musterfirma)));
  it('routing.conf', () => expectGolden('routing.conf', renderRouting(musterfirma)));
  it('musiconhold.conf', () => expectGolden('musiconhold.conf', renderMusicOnHold(musterfirma)));

  it('does not depend on the order of the input', () => {
    const reversed = Object.fromEntries(Object.entries(musterfirma).map(([k, v]) => [k, [...v].reverse()])) as unknown as typeof musterfirma;
    expect(renderPjsip(reversed)).toBe(renderPjsip(musterfirma));
    expect(renderRouting(reversed)).toBe(renderRouting(musterfirma));
  });
});

describe('music on hold', () => {
  it('has no classes when every queue plays the default class', () => {
    const text = renderMusicOnHold({ queues: musterfirma.queues.filter((q) => q.musicOnHold === 'default') });
    expect(text).not.toContain('[');
    expect(renderQueues({ queues: musterfirma.queues.slice(0, 1) })).toContain('musicclass = default');
  });

  it('loops an uploaded prompt in one class, shared by the queues that play it', () => {
    const text = renderMusicOnHold(musterfirma);
    expect(text.match(/\[swf-wartemusik\]/g)).toHaveLength(1);
    expect(text).toContain('entry = /usr/share/asterisk/sounds/stumpfworks/prompts/wartemusik');
    expect(renderQueues(musterfirma)).toContain('musicclass = swf-wartemusik');
  });
});

describe('emergency numbers', () => {
  it('go out through every trunk even without routes, and say "no service" without trunks', () => {
    const withTrunks = renderRouting({ ...EMPTY_RESOURCES, trunks: musterfirma.trunks });
    expect(withTrunks).toContain(' same => n,Dial(PJSIP/${EXTEN}@trunk-carrier,120)');
    expect(withTrunks).toContain('Dial(PJSIP/${EXTEN}@trunk-sipgate,120)');
    expect(renderRouting(EMPTY_RESOURCES)).toContain('exten => 110,1,Playback(ss-noservice)');
  });

  it('come before the routes in the outbound context', () => {
    const text = renderRouting(musterfirma);
    const outbound = text.slice(text.indexOf('[stumpfworks-outbound]'));
    expect(outbound.indexOf('exten => 110,')).toBeLessThan(outbound.indexOf('exten => _0ZX.,'));
  });
});

describe('unsafe text', () => {
  it('refuses a ; or a line break in a value', () => {
    const bad = { ...musterfirma.extensions[0]!, callerId: 'x\n[evil]' };
    expect(() => renderPjsip({ extensions: [bad], trunks: [] })).toThrow(DialplanError);
    const mailbox = { ...musterfirma.extensions[0]!, voicemail: { enabled: true, pin: '1234' } };
    expect(() => renderVoicemail({ extensions: [{ ...mailbox, voicemail: { ...mailbox.voicemail, email: 'a,b@example.com' } }] })).toThrow(DialplanError);
  });

  it('writes a name with , | ; (common: "Müller, Hans") into voicemail.conf with spaces in their place', () => {
    const mailbox = { ...musterfirma.extensions[0]!, name: 'Müller, Hans | Team;\nNord', voicemail: { enabled: true, pin: '1234' } };
    expect(renderVoicemail({ extensions: [mailbox] })).toContain(`${mailbox.id} => 1234,Müller Hans Team Nord,\n`);
  });

  it('refuses a bare ; in a .conf value but writes the escaped \\; of a trunk URI', () => {
    const trunk = musterfirma.trunks.find((t) => t.transport === 'tcp')!;
    expect(() => renderPjsip({ extensions: [], trunks: [{ ...trunk, server: 'a;b' }] })).toThrow(DialplanError);
    expect(renderPjsip({ extensions: [], trunks: [trunk] })).toContain('server_uri = sip:tel.t-online.de:5060\\;transport=tcp');
  });
});
