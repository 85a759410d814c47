import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowLibrary, simulate } from '@stumpfworks/engine';
import { parseFlow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { answeringTargets, expectedText, runSimulation, timeDecisions, variablesOf } from './session.js';

describe('the expected tokens of a waiting call', () => {
  it('are shown in the words of the transcript, in both languages', () => {
    expect(expectedText('noanswer', 'dial')).toEqual({ de: 'Keine Antwort', en: 'No answer' });
    expect(expectedText('unavailable', 'dial')).toEqual({ de: 'Nicht erreichbar', en: 'Unavailable' });
    expect(expectedText('overflow', 'queue')).toEqual({ de: 'Überlauf', en: 'Overflow' });
    expect(expectedText('timeout', 'input')).toEqual({ de: 'Keine Eingabe', en: 'No input' });
    expect(expectedText('2', 'input')).toEqual({ de: 'Taste 2', en: 'Key 2' });
    expect(expectedText('digits', 'input')).toEqual({ de: 'Ziffern', en: 'Digits' });
    expect(expectedText('http:failure', 'http')).toEqual({ de: 'HTTP: Fehler ohne Antwort', en: 'HTTP: failed without an answer' });
  });

  it('keeps a token it has no words for as it is', () => {
    expect(expectedText('done', 'prompt')).toEqual({ de: 'done', en: 'done' });
  });
});

describe('the time decisions of a simulated call', () => {
  const parsed = parseFlow(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'examples', 'opening-hours.flow.json'), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const flow = parsed.flow;
  const decisions = (at: string) => timeDecisions(flow, simulate(flowLibrary([flow]), flow.id, [], { at: new Date(at), callerId: '0301234' }));

  it("say open or closed, which entries decided, and the time in the node's zone", () => {
    expect(decisions('2026-12-31T12:00:00Z')).toEqual([
      {
        nodeId: 'hours',
        text: {
          de: 'Geschlossen um 2026-12-31 13:00 Europe/Berlin, entschieden von: Sondertage (Schließtage, Sonderzeiten, Betriebsferien)',
          en: 'Closed at 2026-12-31 13:00 Europe/Berlin, decided by: special dates (closed dates, special hours, company holidays)',
        },
      },
    ]);
    expect(decisions('2026-06-05T23:30:00+02:00')[0]?.text.en).toBe('Open at 2026-06-05 23:30 Europe/Berlin, decided by: weekly hours');
    expect(decisions('2026-12-25T23:00:00+01:00')[0]?.text.en).toBe('Closed at 2026-12-25 23:00 Europe/Berlin, decided by: public holidays');
  });
});

describe('a simultaneous dial answered by one target', () => {
  const example = (name: string) => {
    const parsed = parseFlow(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'examples', `${name}.flow.json`), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.flow;
  };
  const orderStatus = example('order-status');
  const run = (flow: typeof orderStatus, tokens: string[]) => {
    const result = runSimulation(flow, { tokens, at: '2026-06-03T10:00', callerId: '0301234567' });
    if (!result.ok) throw new Error(result.message.en);
    return result.transcript;
  };

  it('offers answer:<target> for each target the dial rings at once, and nothing where the call waits for anything else', () => {
    // Order 71234, then key 2: the team (1001 and 1002 at once, answeredBy TEAM_MEMBER).
    const ringing = run(orderStatus, ['71234', '2']);
    expect(ringing.waitingFor).toMatchObject({ nodeId: 'team', kind: 'dial' });
    expect(answeringTargets(ringing)).toEqual(['1001', '1002']);
    expect(answeringTargets(run(orderStatus, ['71234']))).toEqual([]);
    // A dial of one target at a time: its plain answer is that target.
    expect(answeringTargets(run(example('musterfirma'), ['2']))).toEqual([]);
  });

  it('sets the answeredBy variable to the target that answered, shown with the call\'s other variables', () => {
    const answered = run(orderStatus, ['71234', '2', 'answer:1002']);
    expect(variablesOf(answered)).toEqual([
      ['BESTELLUNG', '71234'],
      ['TEAM_MEMBER', '1002'],
    ]);
    // Nobody answered: the variable is emptied.
    expect(variablesOf(run(orderStatus, ['71234', '2', 'busy']))).toContainEqual(['TEAM_MEMBER', '']);
  });
});
