import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Database } from '../db/tables.js';
import { AmiEventStream } from '../security/ami-event-stream.js';
import { HistoryIngest } from './history-ingest.js';

export interface History {
  /** Reads the CEL journal now and resolves when that read (and any before it) is done. */
  catchUp(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The call history's ingest (history-ingest.ts) with its triggers: the start, every change of the
 * CEL journal (fs.watch, with a slow fallback interval), and every (re)connect of an AMI login
 * (with no event classes: a reconnect means Asterisk may have restarted and written while the
 * server could not tell).
 */
export function startHistory(deps: { db: Kysely<Database>; journal: string; ami?: AmiOptions; flushVisits?: () => Promise<void>; log: (line: string) => void }): History {
  const ingest = new HistoryIngest({ db: deps.db, journal: deps.journal, log: deps.log, ...(deps.flushVisits ? { flushVisits: deps.flushVisits } : {}) });
  ingest.start();
  const stream = deps.ami
    ? new AmiEventStream({ ami: deps.ami, events: 'off', tag: 'history', log: deps.log, onConnected: () => void ingest.trigger(), onEvent: () => undefined })
    : undefined;
  stream?.start();
  return {
    catchUp: () => ingest.trigger(),
    stop: async () => {
      await stream?.stop();
      await ingest.stop();
    },
  };
}
