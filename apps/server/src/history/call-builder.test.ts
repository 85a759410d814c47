import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJournalRecords } from '../recordings/cdr-journal.js';
import { buildCall, printable } from './call-builder.js';
import { CEL_FIELDS, CEL_JOURNAL, celEvent, type CelEvent } from './cel-journal.js';

/**
 * The events of seven calls as Asterisk 22 wrote them to the CEL journal (recorded from
 * tests/server/history.test.ts on the real Asterisk): Local callers into flows reaching an answering
 * phone (with a hostile caller ID), a busy one, a voicemail box, a queue left by the caller, an
 * extension that never answers, one not registered, a blind transfer, and an ARI-engine flow that
 * plays a prompt and hangs up.
 */
const recorded = parseJournalRecords(readFileSync(fileURLToPath(new URL('./cel-journal.fixture.csv', import.meta.url))), CEL_JOURNAL);
const calls = new Map<string, CelEvent[]>();
for (const record of recorded.records) calls.set(record.linkedid, [...(calls.get(record.linkedid) ?? []), celEvent(record)]);
const call = (kind: string) => [...calls].find(([id]) => id.startsWith(`hx-${kind}-`))![1];

describe('the CEL journal', () => {
  it('has the fields cel_custom.conf writes, in its order', () => {
    const conf = readFileSync(fileURLToPath(new URL('../../../../asterisk/conf/cel_custom.conf', import.meta.url)), 'utf8');
    const fields = /^fields = (.*)$/m.exec(conf)![1]!.split(',').map((f) => f.replace(/\(.*\)$/, ''));
    expect(fields).toEqual([`"${CEL_JOURNAL.version}"`, ...CEL_FIELDS]);
    expect(recorded.skipped).toBe(0);
  });
});

describe('buildCall on events recorded from Asterisk 22', () => {
  it('answered: who answered, when, the talk, the flow path from the CELGenUserEvent marks; the hostile caller ID as sent', () => {
    const row = buildCall(call('answered'))!;
    expect(row).toMatchObject({
      outcome: 'answered',
      direction: 'internal',
      caller: '0301$[2]${X}',
      caller_name: 'Evil, "Boss" $[1+1] ${EXTEN}',
      called: '4940101',
      answered_by: '4101',
      flow_id: 'hx-answer',
      flow_version: null,
      path: JSON.stringify(['start', 'ring']),
      trunk_id: null,
      queue_id: null,
      wait_ms: null,
    });
    expect(row.answered_at! - row.started_at).toBeGreaterThan(0);
    expect(Math.abs(row.talk_ms - (row.ended_at - row.answered_at!))).toBeLessThan(5);
    expect(JSON.parse(row.channel_ids)).toEqual([row.linkedid, `${row.linkedid}-2`, expect.stringMatching(/^\d+\.\d+$/)]);
  });

  it('busy, voicemail, missed, failed: nobody answered, told apart', () => {
    expect(buildCall(call('busy'))).toMatchObject({ outcome: 'busy', answered_by: null, answered_at: null, talk_ms: 0, path: JSON.stringify(['start', 'ring', 'bye']) });
    expect(buildCall(call('voicemail'))).toMatchObject({ outcome: 'voicemail', voicemail_box: '4103', path: JSON.stringify(['start', 'box']) });
    expect(buildCall(call('missed'))).toMatchObject({ outcome: 'missed', answered_by: null });
    expect(buildCall(call('failed'))).toMatchObject({ outcome: 'failed', answered_by: null });
  });

  it('a flow that hangs up by itself (the ARI engine), the Local caller\'s outer half 0.2 ms after it: missed, not abandoned', () => {
    expect(buildCall(call('ari'))).toMatchObject({ outcome: 'missed', path: null, flow_id: null });
    expect(buildCall(call('ari'), [{ flowId: 'hx-ari', flowVersion: 1, nodeId: 'start' }])).toMatchObject({ flow_id: 'hx-ari', flow_version: 1, path: '["start"]' });
  });

  it('abandoned in a queue: the queue and the wait until the caller left', () => {
    const row = buildCall(call('abandoned'))!;
    expect(row).toMatchObject({ outcome: 'abandoned', queue_id: 'hxq', answered_by: null });
    expect(row.wait_ms).toBeGreaterThan(2000);
    expect(row.wait_ms).toBeLessThan(row.ended_at - row.started_at);
  });

  it('blind transfer: answered by the first phone, transferred to the second, talk over both', () => {
    const row = buildCall(call('transferred'))!;
    expect(row).toMatchObject({ outcome: 'answered', answered_by: '4104', transferred_to: '4105' });
    expect(JSON.parse(row.channel_ids)).toHaveLength(4);
    expect(row.talk_ms).toBeGreaterThan(7000);
  });

  it('gives the same row for the events in any order', () => {
    const events = call('transferred');
    expect(buildCall([...events].reverse())).toEqual(buildCall(events));
  });

  it('gives no row for a call whose start is not among its events (the journal was first read mid-call)', () => {
    expect(buildCall(call('answered').filter((e) => e.event !== 'CHAN_START'))).toBeUndefined();
    expect(buildCall([])).toBeUndefined();
  });
});

describe('buildCall: trunks, the ARI engine', () => {
  const event = (over: Partial<CelEvent>): CelEvent => ({
    event: 'CHAN_START', time: 1000, userEvent: '', cidName: '', cidNum: '', dnid: '', exten: '', context: '', channel: '', app: '', appData: '',
    uniqueId: '1.1', linkedId: '1.1', peer: '', extra: {}, ...over,
  });

  it('inbound through a trunk: direction, trunk, the DID, the caller as the provider sent it; the ARI visits when the dialplan left no marks', () => {
    const trunk = 'PJSIP/trunk-carrier-0000000a';
    const phone = 'PJSIP/3061-0000000b';
    const row = buildCall(
      [
        event({ channel: trunk, exten: '4930561', cidNum: '03012345678', cidName: 'Line\r\nX-Injected: 1' }),
        event({ channel: phone, uniqueId: '1.2', time: 1100 }),
        event({ event: 'BRIDGE_ENTER', channel: phone, uniqueId: '1.2', time: 2000 }),
        event({ event: 'BRIDGE_EXIT', channel: phone, uniqueId: '1.2', time: 5000 }),
        event({ event: 'HANGUP', channel: trunk, time: 5000, extra: { hangupcause: 16, hangupsource: trunk, dialstatus: 'ANSWER' } }),
        event({ event: 'LINKEDID_END', channel: trunk, time: 5001 }),
      ],
      [{ flowId: 'main', flowVersion: 3, nodeId: 'start' }, { flowId: 'main', flowVersion: 3, nodeId: 'dial' }],
    );
    expect(row).toMatchObject({
      direction: 'inbound', trunk_id: 'carrier', called: '4930561', caller: '03012345678', caller_name: 'Line X-Injected: 1',
      answered_by: '3061', answered_at: 2000, talk_ms: 3000, outcome: 'answered', flow_id: 'main', flow_version: 3, path: '["start","dial"]',
    });
  });

  it('outbound through a trunk: the external number answered', () => {
    const phone = 'PJSIP/3011-0000000c';
    const trunk = 'PJSIP/trunk-carrier-0000000d';
    const row = buildCall([
      event({ channel: phone, exten: '0301234567', cidNum: '3011' }),
      event({ channel: trunk, uniqueId: '1.2', time: 1100 }),
      event({ event: 'BRIDGE_ENTER', channel: trunk, uniqueId: '1.2', time: 1500 }),
      event({ event: 'HANGUP', channel: trunk, uniqueId: '1.2', time: 2500 }),
      event({ event: 'LINKEDID_END', channel: phone, time: 2600 }),
    ]);
    expect(row).toMatchObject({ direction: 'outbound', trunk_id: 'carrier', called: '0301234567', answered_by: '0301234567', talk_ms: 1000, outcome: 'answered' });
  });

  it('a caller who leaves an IVR hangs up before the dialplan does: abandoned; the dialplan hanging up: missed', () => {
    const phone = 'PJSIP/3011-0000000e';
    const ended = (source: string) => buildCall([
      event({ channel: phone, exten: '7000', cidNum: '3011' }),
      event({ event: 'HANGUP', channel: phone, time: 3000, extra: { hangupcause: 16, hangupsource: source, dialstatus: '' } }),
      event({ event: 'LINKEDID_END', channel: phone, time: 3001 }),
    ]);
    expect(ended(phone)?.outcome).toBe('abandoned');
    expect(ended('dialplan/builtin')?.outcome).toBe('missed');
  });
});

describe('buildCall: whose hang-up counts', () => {
  it('a queue member\'s leg that could not be reached does not make the call of a caller who gave up a failed one', () => {
    const events = call('abandoned').map((e) => (e.event === 'HANGUP' && e.channel.startsWith('PJSIP/') ? { ...e, extra: { ...e.extra, hangupcause: 20 } } : e));
    expect(events.some((e) => e.extra.hangupcause === 20)).toBe(true);
    expect(buildCall(events)?.outcome).toBe('abandoned');
  });
});

describe('printable', () => {
  it('keeps letters of any script and symbols, turns control characters into a space, cuts at 80', () => {
    expect(printable('Jürgen "J" $[1] ${X},\n\t\u0000x')).toBe('Jürgen "J" $[1] ${X}, x');
    expect(printable('1'.repeat(100))).toHaveLength(80);
  });
});
