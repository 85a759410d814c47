import { outcomeText, type Transcript } from '@stumpfworks/engine';

/**
 * A transcript for people: one line per step, the node it happened at, and the end. The header
 * gives the call's time as `when` says it (the flows' local time), or as the transcript's UTC.
 */
export function formatTranscript(t: Transcript, language: 'de' | 'en', when = t.at): string {
  const header =
    language === 'de'
      ? `Ablauf ${t.flowId}, Anrufer ${t.callerId || '(unbekannt)'}, ${when}`
      : `Flow ${t.flowId}, caller ${t.callerId || '(unknown)'}, ${when}`;
  const lines = t.lines.map((l) => `  [${l.flowId === t.flowId ? l.nodeId : `${l.flowId}/${l.nodeId}`}] ${l.text[language]}`);
  return [header, ...lines, formatOutcome(t, language)].join('\n');
}

/** The last line: how the call ended, or where it still waits and what it expects. */
export function formatOutcome(t: Transcript, language: 'de' | 'en'): string {
  if (t.outcome) return `${outcomeText(t.outcome)[language]} (${t.outcome.flowId}/${t.outcome.nodeId})`;
  const w = t.waitingFor;
  if (!w) return language === 'de' ? 'Läuft' : 'Running';
  return language === 'de'
    ? `Wartet bei ${w.flowId}/${w.nodeId} auf: ${w.expects.join(', ')}`
    : `Waiting at ${w.flowId}/${w.nodeId} for: ${w.expects.join(', ')}`;
}
