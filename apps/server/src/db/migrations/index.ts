import type { Migration } from 'kysely';
import * as initial from './2026-11-26-0001-initial.js';
import * as nodeVisits from './2026-11-26-0002-node-visits.js';
import * as publishDiffs from './2026-11-26-0003-publish-diffs.js';
import * as security from './2026-12-06-0001-security.js';
import * as buildRevision from './2026-12-06-0002-build-revision.js';
import * as flowRevision from './2026-12-07-0001-flow-revision.js';
import * as accounts from './2026-12-07-0002-accounts.js';
import * as audit from './2026-12-08-0001-audit.js';
import * as alerts from './2026-12-08-0002-alerts.js';
import * as operatorScope from './2026-12-08-0003-operator-scope.js';
import * as voicemailMail from './2026-12-09-0001-voicemail-mail.js';
import * as recordings from './2026-12-09-0003-recordings.js';
import * as cdrJournal from './2026-12-10-0003-cdr-journal.js';
import * as operatorScopeOrphans from './2026-12-10-0004-operator-scope-orphans.js';
import * as callHistory from './2026-12-11-0001-call-history.js';
import * as nodeVisitSteps from './2026-12-12-0007-node-visit-steps.js';

/** Every migration, by its date-prefixed name; Kysely runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-26-0001-initial': initial,
  '2026-11-26-0002-node-visits': nodeVisits,
  '2026-11-26-0003-publish-diffs': publishDiffs,
  '2026-12-06-0001-security': security,
  '2026-12-06-0002-build-revision': buildRevision,
  '2026-12-07-0001-flow-revision': flowRevision,
  '2026-12-07-0002-accounts': accounts,
  '2026-12-08-0001-audit': audit,
  '2026-12-08-0002-alerts': alerts,
  '2026-12-08-0003-operator-scope': operatorScope,
  '2026-12-09-0001-voicemail-mail': voicemailMail,
  '2026-12-09-0003-recordings': recordings,
  '2026-12-10-0003-cdr-journal': cdrJournal,
  '2026-12-10-0004-operator-scope-orphans': operatorScopeOrphans,
  '2026-12-11-0001-call-history': callHistory,
  '2026-12-12-0007-node-visit-steps': nodeVisitSteps,
};
