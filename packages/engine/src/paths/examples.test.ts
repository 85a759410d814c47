import { parseFlow, type Flow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import accountRouting from '../../../../examples/account-routing.flow.json';
import conferenceRoom from '../../../../examples/conference-room.flow.json';
import languageChoice from '../../../../examples/language-choice.flow.json';
import membersLine from '../../../../examples/members-line.flow.json';
import musterfirma from '../../../../examples/musterfirma.flow.json';
import pinCheck from '../../../../examples/pin-check.flow.json';
import supportQueue from '../../../../examples/support-queue.flow.json';
import { flowLibrary } from '../library.js';
import { simulate } from '../simulator/simulate.js';
import { enumeratePaths } from './enumerate.js';

function parsed(doc: unknown): Flow {
  const result = parseFlow(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

const flows = flowLibrary([accountRouting, conferenceRoom, languageChoice, membersLine, musterfirma, pinCheck, supportQueue].map(parsed));
const options = { at: new Date('2026-06-03T10:00:00+02:00'), callerId: '0301234567' };

describe('paths through the example flows', () => {
  it.each(['musterfirma', 'support-queue', 'account-routing', 'conference-room', 'language-choice', 'members-line', 'pin-check'])(
    '%s: every path replays to the same transcript',
    (flowId) => {
      const { paths } = enumeratePaths(flows, flowId, options);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        expect(path.transcript.status).toBe('ended');
        expect(simulate(flows, flowId, path.events, options)).toEqual(path.transcript);
      }
    },
  );

  it('reaches every outcome of the Musterfirma menu on a working day and closes on Fronleichnam', () => {
    const { paths } = enumeratePaths(flows, 'musterfirma', { ...options, maxEvents: 2 });
    const outcomes = new Set(paths.map((p) => `${p.transcript.outcome?.kind} ${p.transcript.outcome?.nodeId}`));
    expect([...outcomes].sort()).toMatchInlineSnapshot(`
      [
        "connected buchhaltung",
        "connected durchwahl",
        "connected support",
        "connected vertrieb",
        "connected zentrale",
        "hangup end",
        "voicemail voicemail-buchhaltung",
        "voicemail voicemail-support",
        "voicemail voicemail-vertrieb",
        "voicemail voicemail-zentrale",
      ]
    `);
    const holiday = enumeratePaths(flows, 'musterfirma', { ...options, at: new Date('2026-06-04T10:00:00+02:00') });
    expect(holiday.paths.map((p) => [p.events.join(','), p.transcript.visits.map((v) => v.nodeId).join(' ')])).toMatchInlineSnapshot(`
      [
        [
          "",
          "start hours closed-message voicemail-zentrale",
        ],
      ]
    `);
  });
});
