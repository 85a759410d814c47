/** sipp's message trace (`-trace_msg`) as a list of messages with their times. */

export interface TracedMessage {
  /** Milliseconds (with microseconds as the fraction) on sipp's clock. */
  time: number;
  direction: 'sent' | 'received';
  /** The request method or the response status, e.g. `REGISTER` or `401`. */
  first: string;
  /** The CSeq number and method, e.g. `2 REGISTER`. */
  cseq: string;
  callId: string;
}

/**
 * Each block of the trace starts with a line of dashes and sipp's local time
 * (`----- 2026-12-06 20:41:59.444449`), then `UDP message sent (...)` or `UDP message received [...]`.
 * sipp also repeats an unexpected message under "Unexpected UDP message received"; those
 * repeats are skipped.
 */
export function parseSippTrace(trace: string): TracedMessage[] {
  const messages: TracedMessage[] = [];
  for (const block of trace.split(/^-{10,} ?/m)) {
    const stamp = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\.(\d{6})\s*\n(UDP message (sent|received))/.exec(block);
    if (!stamp) continue;
    const time = new Date(`${stamp[1]}T${stamp[2]}`).getTime() + Number(stamp[3]) / 1000;
    const start = /\n\n(SIP\/2\.0 (\d{3})|([A-Z]+) )/.exec(block);
    const cseq = /^CSeq:\s*(.+)$/m.exec(block);
    const callId = /^Call-ID:\s*(.+)$/m.exec(block);
    if (!start || !cseq || !callId) continue;
    messages.push({ time, direction: stamp[5] === 'sent' ? 'sent' : 'received', first: start[2] ?? start[3]!, cseq: cseq[1]!.trim(), callId: callId[1]!.trim() });
  }
  return messages;
}
