import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** API tokens; only the sha256 of a token is stored. */
export interface TokenTable {
  id: string;
  name: string;
  token_hash: string;
  created_at: string;
  /** What the token may do (auth/roles.ts); the admin token and tokens older than roles are `admin`. */
  role: Generated<string>;
  /** The user who made it (null for the admin token). */
  created_by: string | null;
  /** ISO time of its last accepted use (written at most once a minute). */
  last_used_at: string | null;
}

/** A person who logs in (migration 2026-12-07-0002-accounts). */
export interface UserTable {
  id: string;
  /** Lower case, unique. */
  username: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash` (auth/password.ts). */
  password_hash: string;
  /** 1 while the password is one someone else chose (one-time): every route but the password change refuses. */
  must_change_password: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One queue or mailbox given to an operator (migration 2026-12-08-0003-operator-scope). */
export interface OperatorScopeTable {
  user_id: string;
  /** `queue` or `mailbox` (an extension's voicemail box, by the extension's id). */
  kind: string;
  resource_id: string;
}

/** A login; the cookie carries the session id, the table only its sha256. */
export interface SessionTable {
  id_hash: string;
  user_id: string;
  /** Sent back by the browser as X-CSRF-Token on every cookie-authenticated write. */
  csrf_token: string;
  /** Where the login came from. */
  address: string;
  created_at: string;
  /** ISO time; pushed forward on use (idle expiry), never past created_at + the absolute limit. */
  expires_at: string;
}

/** A flow and its editable draft (the flow document as JSON text). */
export interface FlowTable {
  id: string;
  name: string;
  draft: string;
  /** The version Publish uses; null until the first publish of the flow. */
  published_version: number | null;
  created_at: string;
  updated_at: string;
  /** Counted up by a trigger on every write of `draft` (migration 2026-12-07-0001-flow-revision): what If-Match compares. */
  revision: Generated<number>;
}

/** Immutable published versions of a flow. */
export interface FlowVersionTable {
  flow_id: string;
  version: number;
  document: string;
  created_at: string;
  created_by: string;
  /** Set when this version was created by a rollback to an earlier one. */
  rollback_of: number | null;
}

/** PBX resources (extensions, trunks, routes, queues, rooms, prompts): one JSON body per row. */
export interface ResourceTable {
  kind: string;
  id: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/** Every publish: who, when, which flow versions, what changed and how it ended. */
export interface PublishTable {
  id: string;
  seq: number;
  actor: string;
  started_at: string;
  finished_at: string;
  flow_versions: string;
  changed_files: string;
  /** `pending` while Asterisk reloads (a record left pending: the server stopped during that publish). */
  outcome: 'pending' | 'applied' | 'unchanged' | 'rejected' | 'rolled-back';
  reason: string | null;
}

/**
 * The diff of a publish (JSON: the unified diff per changed file), apart from its record: a whole
 * new configuration's diff is some hundred KB, and setting the record's outcome rewrites its row.
 */
export interface PublishDiffTable {
  publish_id: string;
  diff: string;
}

/** One node visit of a live call (either engine); rows are pruned by age and count. */
export interface NodeVisitTable {
  flow_id: string;
  flow_version: number;
  node_id: string;
  call_id: string;
  /** ISO time of the visit. */
  time: string;
  /** The keys that led to the node, when any. */
  digits: string | null;
  engine: 'ari' | 'dialplan';
  /** The node the call visited before in this flow; null for its first visit there (or one stored before migration 2026-12-12-0007). */
  prev_node_id: Generated<string | null>;
  /** 1 when the call had visited this node of this flow before (a loop). */
  revisit: Generated<number>;
}

/** A ban of the SIP brute-force guard (apps/server/src/security); kept after it ends to make the next one longer. */
export interface SecurityBanTable {
  address: string;
  /** ISO times. */
  since: string;
  until: string;
  failures: number;
  repeat: number;
  /** JSON: the failures by Asterisk event name. */
  events: string;
  /** JSON: the accounts the failures named. */
  accounts: string;
  /** 1 when the address had a registered contact of a named account. */
  registered: number;
}

/** One failed SIP authentication of an address inside the guard's counting window. */
export interface SecurityFailureTable {
  address: string;
  time: string;
  event: string;
  account: string | null;
}

/**
 * One row: the revision of what a publish build reads, counted up by triggers on every write of
 * `resources`, `flows` and `flow_versions` (migration 2026-12-06-0002-build-revision).
 */
export interface BuildRevisionTable {
  revision: number;
}

/** One event of the audit log (audit/audit-log.ts); append-only and hash-chained (migration 2026-12-08-0001-audit). */
export interface AuditTable {
  seq: number;
  /** ISO time. */
  at: string;
  actor_kind: string;
  actor_name: string;
  actor_role: string | null;
  actor_user_id: string | null;
  /** How the actor authenticated: `session:<first 12 of its id hash>` or `token`. */
  actor_via: string | null;
  address: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  /** The HTTP status of the request; null for events outside the API (a ban). */
  outcome: number | null;
  /** Canonical JSON, secrets masked. */
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** The retention prune's permit to delete audit rows up to `upto` (exists only inside its transaction). */
export interface AuditPrunePermitTable {
  upto: number;
}

/** One time an alert's condition was open (apps/server/src/alerts); kept after it resolves as the history. */
export interface AlertTable {
  id: string;
  /** `<kind>:<subject>`: at most one open row per key. */
  key: string;
  kind: string;
  /** What it is about (a trunk's id, a folder, `asterisk`). */
  subject: string;
  text_de: string;
  text_en: string;
  /** ISO times. */
  opened_at: string;
  resolved_at: string | null;
  /** 1 when its opening was mailed (then its resolution is mailed too). */
  mailed: Generated<number>;
}

/** The alert settings (SMTP, thresholds) as JSON, by id; not a publish resource. */
export interface AlertSettingsTable {
  id: string;
  body: string;
}

/** One voicemail message's mail (migration 2026-12-09-0001-voicemail-mail; voicemail-mail/outbox.ts). */
export interface VoicemailMailTable {
  id: string;
  context: string;
  mailbox: string;
  /** Asterisk's msg_id from the message's .txt: stays while the message's number in its folder changes. */
  msg_id: string;
  received_at: string;
  /**
   * `pending` (to send, at next_attempt_at), `sent` (accepted by the SMTP server), `failed` (given
   * up after the last retry), `skipped` (nothing to send: the message or the box's address is gone),
   * `discarded` (an admin chose not to send it, on the outbox page).
   */
  state: 'pending' | 'sent' | 'failed' | 'skipped' | 'discarded';
  attempts: Generated<number>;
  next_attempt_at: string | null;
  /** When it was last handed to the SMTP server (null: never): the box's latest attempt decides its alert. */
  last_attempt_at: string | null;
  /** What the SMTP server (or the reading of the message) said at the last failed attempt; null after a success. */
  last_error: string | null;
  sent_at: string | null;
}

/** One call recording in Asterisk's monitor/ spool (apps/server/src/recordings). */
export interface RecordingTable {
  id: Generated<number>;
  /** The Asterisk UNIQUEID of the calling channel (the CDR's UniqueID). */
  call_id: string;
  /** When the recording started (ISO 8601 UTC, from the epoch in its file name). */
  started_at: string;
  caller: string;
  callee: string;
  direction: 'inbound' | 'outbound' | 'internal';
  /** `always` (policy) or `onDemand` (*1). */
  kind: 'always' | 'onDemand';
  duration_ms: number;
  size_bytes: number;
  /** The file name in monitor/. */
  file: string;
}

/** Where the server is in Asterisk's CDR journal (recordings/cdr-journal.ts). */
export interface CdrJournalTable {
  name: string;
  /** The journal file's inode when it was read; null: it did not exist yet. */
  inode: number | null;
  offset: number;
}

/** One call (all its legs), from the CEL journal (apps/server/src/history). Times: epoch ms. */
export interface CallHistoryTable {
  /** Asterisk's LINKEDID: the same on every leg of the call. */
  linkedid: string;
  started_at: number;
  /** When a person (extension, queue agent, the far end of an outbound call) answered; null: nobody. */
  answered_at: number | null;
  ended_at: number;
  direction: 'inbound' | 'outbound' | 'internal';
  /** The caller's number and name as Asterisk had them (printable, at most 80 characters). */
  caller: string;
  caller_name: string;
  /** The number dialled: the DID of an inbound call, the external number of an outbound one, the extension of an internal one. */
  called: string;
  trunk_id: string | null;
  /** The flow the call ran through, the version that ran and the node ids it visited, in order (JSON array). */
  flow_id: string | null;
  flow_version: number | null;
  path: string | null;
  /** The extension (or, outbound, the external number) that talked with the caller. */
  answered_by: string | null;
  queue_id: string | null;
  /** How long the caller waited in a queue, until an agent answered or the caller gave up. */
  wait_ms: number | null;
  /** How long the caller talked with a person. */
  talk_ms: number;
  outcome: 'answered' | 'missed' | 'abandoned' | 'voicemail' | 'busy' | 'failed';
  /** The mailbox the caller reached (a message may have been left there). */
  voicemail_box: string | null;
  /** Where a transfer sent the call (an extension or number). */
  transferred_to: string | null;
  /** The UNIQUEIDs of the call's channels (JSON array): its recordings are found by these. */
  channel_ids: string;
}

/** A CEL event of a call that has not ended yet (JSON of the journal record). */
export interface CallEventTable {
  id: Generated<number>;
  linkedid: string;
  event: string;
}

export interface Database {
  tokens: TokenTable;
  users: UserTable;
  sessions: SessionTable;
  operator_scopes: OperatorScopeTable;
  flows: FlowTable;
  flow_versions: FlowVersionTable;
  resources: ResourceTable;
  publishes: PublishTable;
  publish_diffs: PublishDiffTable;
  node_visits: NodeVisitTable;
  security_bans: SecurityBanTable;
  security_failures: SecurityFailureTable;
  build_revision: BuildRevisionTable;
  audit_log: AuditTable;
  audit_prune_permit: AuditPrunePermitTable;
  alerts: AlertTable;
  alert_settings: AlertSettingsTable;
  voicemail_mails: VoicemailMailTable;
  recordings: RecordingTable;
  cdr_journal: CdrJournalTable;
  call_history: CallHistoryTable;
  call_events: CallEventTable;
}

export type FlowRow = Selectable<FlowTable>;
export type NewFlow = Insertable<FlowTable>;
export type FlowUpdate = Updateable<FlowTable>;
export type FlowVersionRow = Selectable<FlowVersionTable>;
export type ResourceRow = Selectable<ResourceTable>;
/** A publish record with its diff. */
export type PublishRow = Selectable<PublishTable> & Pick<PublishDiffTable, 'diff'>;
export type NewPublish = Insertable<PublishTable> & Pick<PublishDiffTable, 'diff'>;
export type NodeVisitRow = Selectable<NodeVisitTable>;
export type NewNodeVisit = Insertable<NodeVisitTable>;
