import type { Transcript } from '@stumpfworks/engine';

/** What an engine observably did on one call: the nodes it visited and how the call ended. */
export interface Trace {
  visits: string[];
  /** `<kind> <flowId>/<nodeId>`, or undefined when the call ended without an end marker. */
  end: string | undefined;
}

/** The simulator's transcript, in the same terms as the dialplan's trace. */
export function traceOfTranscript(transcript: Transcript): Trace {
  const outcome = transcript.outcome;
  return {
    visits: transcript.visits.map((v) => `${v.flowId}/${v.nodeId}`),
    end: outcome ? `${outcome.kind} ${outcome.flowId}/${outcome.nodeId}` : undefined,
  };
}

/** A readable difference between the simulator's trace and an engine's, or undefined when they agree. */
export function diffTraces(expected: Trace, actual: Trace, engine: string): string | undefined {
  const problems: string[] = [];
  const length = Math.max(expected.visits.length, actual.visits.length);
  for (let i = 0; i < length; i++) {
    if (expected.visits[i] !== actual.visits[i]) {
      problems.push(
        `visit ${i + 1}: simulator ${expected.visits[i] ?? '(none)'}, ${engine} ${actual.visits[i] ?? '(none)'}`,
      );
      break;
    }
  }
  if (expected.end !== actual.end) problems.push(`end: simulator ${expected.end ?? '(none)'}, ${engine} ${actual.end ?? '(none)'}`);
  return problems.length ? problems.join('; ') : undefined;
}
