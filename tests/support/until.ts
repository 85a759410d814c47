/**
 * Asks `read` every `intervalMs` until `done` holds, at most `attempts` times (a bounded wait for
 * something Asterisk or the server does in its own time), then fails naming `what` and the last value.
 */
export async function until<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  { attempts = 150, intervalMs = 200 }: { attempts?: number; intervalMs?: number } = {},
): Promise<T> {
  let value: T | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what} never happened; last: ${JSON.stringify(value)}`);
}
