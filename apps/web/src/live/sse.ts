/** One Server-Sent Event: its name (`message` when it has none) and its data lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Splits the text of an event stream into events, chunk by chunk (a chunk may end anywhere).
 * Comments (`: heartbeat`) and `retry:`/`id:` fields are skipped; the caller reconnects itself.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: SseEvent[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }
    return events;
  }
}
