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
 * indexer (recording-index.ts); the retention prunes at start and daily. `dir` is Asterisk's
 * monitor/ spool. Without Asterisk only the retention runs (the index stays as it is).
 */
export async function startRecordings(deps: { db: Kysely<Database>; dir: string; ami?: AmiOptions; log: (line: string) => void }): Promise<Recordings> {
  const retention = new RecordingRetention({ db: deps.db, dir: deps.dir, log: deps.log });
  await retention.start();
  const indexer = new RecordingIndexer({ db: deps.db, dir: deps.dir, log: deps.log });
  const stream = deps.ami
    ? new AmiEventStream({
        ami: deps.ami,
        events: 'cdr',
        tag: 'recordings',
        log: deps.log,
        onEvent: (packet) => void indexer.onEvent(packet).catch((error: Error) => deps.log(`[recordings] indexing call ${packet.UniqueID ?? '?'} failed: ${error.message}`)),
      })
    : undefined;
  stream?.start();
  return {
    watching: () => stream?.connected ?? false,
    stop: async () => {
      await stream?.stop();
      await retention.stop();
    },
  };
}
