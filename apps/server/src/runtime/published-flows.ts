import { recordingPolicies, type ExtensionResource, type InboundRouteResource, type QueueResource, type TrunkResource } from '@stumpfworks/dialplan';
import { parseFlow, type Flow } from '@stumpfworks/flow';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { publishedFlows } from '../flows/flows.repository.js';
import { listBodies } from '../resources/resources.repository.js';
import type { PublishedFlows } from './flow-runtime.js';

/**
 * The published version of every flow, parsed, for the ARI runtime at start-up (after that, each
 * publish hands it the set it put live). A version that no longer parses is left out and named in
 * `problems`: its calls go to the fallback context, the others run. The recording policies are
 * the stored resources' (the next publish hands over those it put live).
 */
export async function loadPublishedFlows(db: Kysely<Database>): Promise<PublishedFlows & { problems: string[] }> {
  const flows: Flow[] = [];
  const versions: Record<string, number> = {};
  const problems: string[] = [];
  for (const row of await publishedFlows(db)) {
    const parsed = parseFlow(row.document);
    if (!parsed.ok) {
      problems.push(`flow "${row.id}" version ${row.version} does not parse: ${parsed.problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`);
      continue;
    }
    flows.push(parsed.flow);
    versions[row.id] = row.version;
  }
  const recording = recordingPolicies({
    extensions: await listBodies<ExtensionResource>(db, 'extension'),
    trunks: await listBodies<TrunkResource>(db, 'trunk'),
    inboundRoutes: await listBodies<InboundRouteResource>(db, 'inbound-route'),
    queues: await listBodies<QueueResource>(db, 'queue'),
    consentFlows: flows.some((f) => f.nodes.some((n) => n.type === 'Consent')),
  });
  return { flows, versions, problems, ...(recording ? { recording } : {}) };
}
