/** Where the runtime reports what it does. Every line about a call carries its `callId`. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** JSON lines on stderr: `{"level":"warn","msg":"...","callId":"..."}`. */
export const consoleLogger: Logger = {
  info: (msg, fields) => console.error(JSON.stringify({ level: 'info', msg, ...fields })),
  warn: (msg, fields) => console.error(JSON.stringify({ level: 'warn', msg, ...fields })),
  error: (msg, fields) => console.error(JSON.stringify({ level: 'error', msg, ...fields })),
};

/** Keeps the lines in memory, for tests. */
export class MemoryLogger implements Logger {
  readonly lines: Array<{ level: 'info' | 'warn' | 'error'; message: string; fields: Record<string, unknown> }> = [];
  info(message: string, fields: Record<string, unknown> = {}) {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields: Record<string, unknown> = {}) {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields: Record<string, unknown> = {}) {
    this.lines.push({ level: 'error', message, fields });
  }
}

/** The message of anything thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
