import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { Retention } from '../settings/retention.js';
import { pruneHistory } from './history.repository.js';
import { historySection } from './history.settings.js';

const DAY_MS = 86_400_000;

/** Prunes the call history to its retention (settings section `history`) now and then once a day. */
export class HistoryRetention extends Retention<typeof historySection.schema> {
  constructor(deps: { db: Kysely<Database>; log: (line: string) => void; everyMs?: number; now?: () => number }) {
    const now = deps.now ?? Date.now;
    super({
      ...deps,
      tag: 'history',
      section: historySection,
      prune: async (days) => {
        const pruned = await pruneHistory(deps.db, now() - days * DAY_MS);
        return pruned > 0 ? `deleted ${pruned} call(s) older than ${days} days` : undefined;
      },
    });
  }
}
