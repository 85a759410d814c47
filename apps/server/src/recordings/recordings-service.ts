import type { Kysely } from 'kysely';
import type { AmiOptions } from '../asterisk/ami.js';
import type { Database } from '../db/tables.js';
import { AmiEventStream } from '../security/ami-event-stream.js';
import { RecordingIndexer } from './recording-index.js';
import { RecordingRetention } from './retention.js';

export interface Recordings {
  /** Whether the AMI login that brings the CDRs is up. */
  watching(): boolean;
  stop(): Promise<void>;
}

/**
 * The recordings index and its retention: an AMI login for the `cdr` event class feeds the
 * indexer (recording-index.ts) live; at the start and after every (re)connect of that login the
 * indexer catches up from Asterisk's CDR journal (`journal`), so the calls that ended while
 * nobody listened are indexed too. The retention prunes at start and daily. `dir` is Asterisk's
 * monitor/ spool. Without Asterisk only the retention runs (the index stays as it is).
 */
export async function startRecordings(deps: { db: Kysely<Database>; dir: string; journal?: string; ami?: AmiOptions; log: (line: string) => void }): Promise<Recordings> {
  const retention = new RecordingRetention({ db: deps.db, dir: deps.dir, log: deps.log });
  await retention.start();
  const indexer = new RecordingIndexer({ db: deps.db, dir: deps.dir, ...(deps.journal ? { journal: deps.journal } : {}), log: deps.log });
  const catchUp = () => void indexer.catchUp().catch((error: Error) => deps.log(`[recordings] catching up from the CDR journal failed: ${error.message}`));
  // Before the login: a journal that exists now is read (or, on a new database, its end marked) first.
  catchUp();
  const stream = deps.ami
    ? new AmiEventStream({
        ami: deps.ami,
        events: 'cdr',
        tag: 'recordings',
        log: deps.log,
        onConnected: catchUp,
        onEvent: (packet) => void indexer.onEvent(packet).catch((error: Error) => deps.log(`[recordings] indexing call ${packet.UniqueID ?? '?'} failed: ${error.message}`)),
      })
    : undefined;
  stream?.start();
  return {
    watching: () => stream?.connected ?? false,
    stop: async () => {
      await stream?.stop();
      await indexer.idle();
      await retention.stop();
    },
  };
}
