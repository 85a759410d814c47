import { createHash } from 'node:crypto';
import {
  compileFlows,
  renderConfbridge,
  renderPjsip,
  renderQueues,
  renderRouting,
  renderVoicemail,
  type FlowDiagnostics,
  type PbxResources,
} from '@stumpfworks/dialplan';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { knownResources } from '../resources/known-resources.js';
import { listResources } from '../resources/resources.repository.js';
import { publishedFlows } from '../routes/flows/flows.repository.js';

/** The generated files and the module that reloads each. */
export const GENERATED_FILES = {
  'extensions.conf': 'pbx_config.so',
  'pjsip.conf': 'res_pjsip.so',
  'voicemail.conf': 'app_voicemail.so',
  'queues.conf': 'app_queue.so',
  'confbridge.conf': 'app_confbridge.so',
} as const;
export type GeneratedFile = keyof typeof GENERATED_FILES;

/** The context the publish check looks for; its one extension names the hash of the file. */
export const CHECK_CONTEXT = 'stumpfworks-publish-check';

export interface ConfigSet {
  files: Record<GeneratedFile, string>;
  /** The extension that CHECK_CONTEXT holds in this extensions.conf. */
  dialplanMark: string;
  flowVersions: Record<string, number>;
  resources: PbxResources;
  /** The published flows, parsed (their prompts are spoken at publish). */
  flows: Flow[];
}

export type ConfigSetResult = { ok: true; set: ConfigSet } | { ok: false; diagnostics: FlowDiagnostics[]; problems: string[] };

/** Loads every resource kind the renderers need. */
export async function loadResources(db: Kysely<Database>): Promise<PbxResources> {
  const bodies = async <T>(kind: Parameters<typeof listResources>[1]) => (await listResources<T>(db, kind)).map((r) => r.body);
  return {
    extensions: await bodies('extension'),
    trunks: await bodies('trunk'),
    inboundRoutes: await bodies('inbound-route'),
    outboundRoutes: await bodies('outbound-route'),
    queues: await bodies('queue'),
    conferences: await bodies('conference'),
  };
}

/** Checks what the flow validator cannot: routes that point at unpublished flows. */
function crossChecks(resources: PbxResources, flowIds: Set<string>): string[] {
  return resources.inboundRoutes
    .filter((r) => r.target.type === 'flow' && !flowIds.has(r.target.id))
    .map((r) => `inbound route "${r.id}" goes to flow "${r.target.id}", which has no published version`);
}

/** Compiles the published flows and renders every resource into the generated files. */
export async function buildConfigSet(db: Kysely<Database>): Promise<ConfigSetResult> {
  const published = await publishedFlows(db);
  const flows: Flow[] = [];
  const problems: string[] = [];
  for (const row of published) {
    const parsed = parseFlow(row.document);
    if (parsed.ok) flows.push(parsed.flow);
    else problems.push(`flow "${row.id}" version ${row.version} no longer parses: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
  const resources = await loadResources(db);
  problems.push(...crossChecks(resources, new Set(flows.map((f) => f.id))));
  const compiled = compileFlows(flows, { resources: await knownResources(db) });
  if (!compiled.ok || problems.length > 0) return { ok: false, diagnostics: compiled.ok ? [] : compiled.diagnostics, problems };

  const body = `${compiled.text}\n${renderRouting(resources)}`;
  const dialplanMark = `h${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
  const check = `\n; publish check: the server looks for this extension after reloading\n[${CHECK_CONTEXT}]\nexten => ${dialplanMark},1,NoOp()\n`;
  return {
    ok: true,
    set: {
      files: {
        'extensions.conf': body + check,
        'pjsip.conf': renderPjsip(resources),
        'voicemail.conf': renderVoicemail(resources),
        'queues.conf': renderQueues(resources),
        'confbridge.conf': renderConfbridge(resources),
      },
      dialplanMark,
      flowVersions: Object.fromEntries(published.map((f) => [f.id, f.version])),
      resources,
      flows,
    },
  };
}
