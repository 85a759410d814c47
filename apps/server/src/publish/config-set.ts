import { createHash } from 'node:crypto';
import {
  compileFlows,
  DEFAULT_MOH_CLASS,
  renderConfbridge,
  renderMusicOnHold,
  renderPjsip,
  renderQueues,
  renderRouting,
  renderRtp,
  renderVoicemail,
  recordingPolicies,
  type FlowDiagnostics,
  type NetworkSettings,
  type PbxResources,
  type SipNetwork,
} from '@stumpfworks/dialplan';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import { inTransaction } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { knownFrom } from '../resources/known-resources.js';
import type { ResourceKind } from '../resources/resources.repository.js';
import { publishedFlows } from '../flows/flows.repository.js';
import { networkSection } from '../settings/network.settings.js';
import { sectionFrom } from '../settings/section.js';

/**
 * The generated files and the module that reloads each, in reload order: the longest reload
 * (pjsip) first, so that a publish does its own work while that one runs and the short reloads
 * follow one another without waiting for Node (timings: docs/server.md, Publish); music classes
 * before the queues that play them.
 */
export const GENERATED_FILES = {
  'pjsip.conf': 'res_pjsip.so',
  'extensions.conf': 'pbx_config.so',
  'voicemail.conf': 'app_voicemail.so',
  'musiconhold.conf': 'res_musiconhold.so',
  'queues.conf': 'app_queue.so',
  'confbridge.conf': 'app_confbridge.so',
  'rtp.conf': 'res_rtp_asterisk.so',
} as const;
export type GeneratedFile = keyof typeof GENERATED_FILES;

/**
 * The context the publish checks look for, in extensions.conf and in voicemail.conf: its one
 * extension, and its one mailbox, is named after the hash of the rest of that file.
 */
export const CHECK_CONTEXT = 'stumpfworks-publish-check';

export interface ConfigSet {
  files: Record<GeneratedFile, string>;
  /** The extension that CHECK_CONTEXT holds in this extensions.conf. */
  dialplanMark: string;
  /** The mailbox that CHECK_CONTEXT holds in this voicemail.conf. */
  voicemailMark: string;
  flowVersions: Record<string, number>;
  resources: PbxResources;
  /** The network settings the transports and rtp.conf were rendered with. */
  network: NetworkSettings;
  /** The published flows, parsed (their prompts are spoken at publish). */
  flows: Flow[];
}

export type ConfigSetResult = { ok: true; set: ConfigSet } | { ok: false; diagnostics: FlowDiagnostics[]; problems: string[] };

/** Everything a build reads from the store, read in one go (the build itself is synchronous). */
export interface BuildInputs {
  /** The store's build revision when these were read (db/tables.ts BuildRevisionTable). */
  revision: number;
  /**
   * The published version of every flow that has one, ordered by id; its document only where the
   * reader did not already hold that version parsed (a published version never changes).
   */
  published: Array<{ id: string; version: number; document?: string }>;
  /** Every PBX resource row (bodies as stored JSON text), ordered by id. */
  resources: Array<{ kind: string; id: string; body: string }>;
  /** Every flow id, drafts included (validation knows them). */
  flowIds: string[];
}

/** The store's build revision: it moves with every write of what a build reads (BuildRevisionTable). */
export async function readBuildRevision(db: Kysely<Database>): Promise<number> {
  return (await db.selectFrom('build_revision').select('revision').executeTakeFirstOrThrow()).revision;
}

/**
 * Reads what a build needs in one transaction (one consistent state), or in the caller's: the
 * build revision, the resources, the flows with their published versions, and the documents of
 * the published versions that `parsed` does not hold yet.
 */
export async function loadBuildInputs(db: Kysely<Database>, parsed: ParsedVersions = new Map()): Promise<BuildInputs> {
  const read = async (trx: Kysely<Database>): Promise<BuildInputs> => {
    const revision = await readBuildRevision(trx);
    const resources = await trx.selectFrom('resources').select(['kind', 'id', 'body']).orderBy('id').execute();
    const flows = await trx.selectFrom('flows').select(['id', 'published_version']).orderBy('id').execute();
    const published: BuildInputs['published'] = flows.flatMap((f) => (f.published_version === null ? [] : [{ id: f.id, version: f.published_version }]));
    const unparsed = published.filter((f) => !parsed.has(versionKey(f)));
    if (unparsed.length > 0) {
      const documents = new Map((await publishedFlows(trx, unparsed.map((f) => f.id))).map((row) => [versionKey(row), row.document]));
      for (const f of unparsed) f.document = documents.get(versionKey(f));
    }
    return { revision, published, resources, flowIds: flows.map((f) => f.id) };
  };
  return inTransaction(db, read);
}

/** The key of a flow version in ParsedVersions. */
function versionKey(flow: { id: string; version: number }): string {
  return `${flow.id}@${flow.version}`;
}

/**
 * A hash of everything a build reads: equal fingerprints give equal builds. Flow documents enter
 * by id and version only, since a published version never changes; the revision does not enter
 * (a write may leave the inputs as they were).
 */
export function inputsFingerprint(inputs: BuildInputs): string {
  const hash = createHash('sha256');
  for (const f of inputs.published) hash.update(`f\0${f.id}\0${f.version}\n`);
  for (const r of inputs.resources) hash.update(`r\0${r.kind}\0${r.id}\0${r.body}\n`);
  hash.update(`ids\0${inputs.flowIds.join('\0')}`);
  return hash.digest('hex');
}

/** Parsed flow versions, by `id@version`: a published version never changes, so it is parsed once. */
export type ParsedVersions = Map<string, ReturnType<typeof parseFlow>>;

/** Groups the resource rows by kind, each body parsed once. */
function resourcesByKind(rows: BuildInputs['resources']): (kind: ResourceKind) => Array<{ id: string; body: unknown }> {
  const byKind = new Map<string, Array<{ id: string; body: unknown }>>();
  for (const row of rows) {
    const list = byKind.get(row.kind) ?? [];
    list.push({ id: row.id, body: JSON.parse(row.body) as unknown });
    byKind.set(row.kind, list);
  }
  return (kind) => byKind.get(kind) ?? [];
}

/** Checks what the flow validator cannot: routes that point at unpublished flows, queues' music. */
function crossChecks(resources: PbxResources, flowIds: Set<string>, promptIds: Set<string>): string[] {
  return [
    ...resources.inboundRoutes
      .filter((r) => r.target.type === 'flow' && !flowIds.has(r.target.id))
      .map((r) => `inbound route "${r.id}" goes to flow "${r.target.id}", which has no published version`),
    ...resources.queues
      .filter((q) => q.musicOnHold !== DEFAULT_MOH_CLASS && !promptIds.has(q.musicOnHold))
      .map((q) => `queue "${q.id}" plays music on hold "${q.musicOnHold}", which is neither "default" nor an uploaded prompt`),
  ];
}

/** What a build needs besides the store. */
export interface BuildOptions {
  /** Where the SIP transports listen (TCP/TLS transports of trunks); default DEFAULT_SIP_NETWORK. */
  sip?: SipNetwork;
  /** The Stasis app that `ari` flows hand calls to (the server's runtime); default `stumpfworks`. */
  ariApp?: string;
}

/** Compiles the published flows and renders every resource into the generated files. */
export async function buildConfigSet(db: Kysely<Database>, options: BuildOptions = {}): Promise<ConfigSetResult> {
  const parsed: ParsedVersions = new Map();
  return buildFromInputs(await loadBuildInputs(db, parsed), parsed, options);
}

/**
 * The build itself, from inputs already read: parse (cached per flow version in `parsed`),
 * validate and compile the flows once (compileFlows validates), render the resources.
 */
export function buildFromInputs(inputs: BuildInputs, parsed: ParsedVersions = new Map(), options: BuildOptions = {}): ConfigSetResult {
  const flows: Flow[] = [];
  const problems: string[] = [];
  for (const row of inputs.published) {
    const key = versionKey(row);
    let result = parsed.get(key);
    if (!result) {
      if (row.document === undefined) throw new Error(`flow "${row.id}" version ${row.version}: its document was not read`);
      result = parseFlow(row.document);
      parsed.set(key, result);
    }
    if (result.ok) flows.push(result.flow);
    else problems.push(`flow "${row.id}" version ${row.version} no longer parses: ${result.problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`);
  }
  const of = resourcesByKind(inputs.resources);
  const bodies = <T>(kind: ResourceKind) => of(kind).map((r) => r.body as T);
  const resources: PbxResources = {
    extensions: bodies('extension'),
    trunks: bodies('trunk'),
    inboundRoutes: bodies('inbound-route'),
    outboundRoutes: bodies('outbound-route'),
    queues: bodies('queue'),
    conferences: bodies('conference'),
    // A Consent node marks calls for recording: the decision must exist even if no resource opts in.
    ...(flows.some((f) => f.nodes.some((n) => n.type === 'Consent')) ? { consentFlows: true } : {}),
  };
  const network = sectionFrom(networkSection, of('settings').find((s) => s.id === networkSection.id)?.body);
  problems.push(...crossChecks(resources, new Set(flows.map((f) => f.id)), new Set(of('prompt').map((p) => p.id))));
  const flowVersions = Object.fromEntries(inputs.published.map((f) => [f.id, f.version]));
  // Compiled without `flowVersions`: a new version with the same document changes no file and
  // reloads nothing. The visit watcher dates dialplan visits with the published version instead.
  const recording = recordingPolicies(resources);
  const compiled = compileFlows(flows, {
    resources: knownFrom(of, inputs.flowIds),
    ...(options.ariApp ? { ariApp: options.ariApp } : {}),
    ...(recording ? { recording } : {}),
  });
  if (!compiled.ok || problems.length > 0) return { ok: false, diagnostics: compiled.ok ? [] : compiled.diagnostics, problems };

  const body = `${compiled.text}\n${renderRouting(resources)}`;
  const dialplanMark = markOf(body);
  const check = `\n; publish check: the server looks for this extension after reloading\n[${CHECK_CONTEXT}]\nexten => ${dialplanMark},1,NoOp()\n`;
  const mailboxes = renderVoicemail(resources);
  const voicemailMark = markOf(mailboxes);
  // No key pad can dial a mailbox named h…, and the PIN is not empty all the same.
  const mailboxCheck = `\n; publish check: the server looks for this mailbox after reloading\n[${CHECK_CONTEXT}]\n${voicemailMark} => ${parseInt(voicemailMark.slice(1, 9), 16)},publish check\n`;
  return {
    ok: true,
    set: {
      files: {
        'extensions.conf': body + check,
        'pjsip.conf': renderPjsip(resources, options.sip, network),
        'voicemail.conf': mailboxes + mailboxCheck,
        'queues.conf': renderQueues(resources),
        'confbridge.conf': renderConfbridge(resources),
        'musiconhold.conf': renderMusicOnHold(resources),
        'rtp.conf': renderRtp(network),
      },
      dialplanMark,
      voicemailMark,
      flowVersions,
      resources,
      network,
      flows,
    },
  };
}

/** A name for a file's content: h and 16 hex digits of its hash. */
function markOf(text: string): string {
  return `h${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
