import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowLibrary, simulate } from '@stumpfworks/engine';
import { parseFlow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { expectedText, timeDecisions } from './session.js';

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
  const decisions = (at: string) => timeDecisions(flow, simulate(flowLibrary([flow]), flow.id, [], { at: new Date(at), callerId: '0301234' }), at);

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
    const transcript = simulate(flowLibrary([flow]), flow.id, [], { at: new Date('2026-06-05T23:30:00+02:00'), callerId: '0301234' });
    expect(timeDecisions(flow, transcript, 'not a time')).toEqual([]);
  });
});
