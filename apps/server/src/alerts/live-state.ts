import { trunkEndpoint } from '@stumpfworks/dialplan';
import type { Kysely } from 'kysely';
import { amiRunner, type AmiOptions, type AmiRunner } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database } from '../db/tables.js';
import { listResources } from '../resources/resources.repository.js';

/** A registration trunk and Asterisk's word for its outbound registration (absent: Asterisk has no such registration, e.g. not published yet). */
export interface TrunkState {
  id: string;
  status?: string;
}

/** Our registration trunks as Asterisk has them now (AMI PJSIPShowRegistrationsOutbound); throws when AMI does not answer. */
export async function trunkStates(db: Kysely<Database>, ami: AmiOptions | AmiRunner): Promise<TrunkState[]> {
  const packets = await amiRunner(ami)({ Action: 'PJSIPShowRegistrationsOutbound' });
  const live = new Map(packets.filter((p) => p.Event === 'OutboundRegistrationDetail' && p.ObjectName).map((p) => [p.ObjectName!, p.Status ?? 'unknown']));
  const trunks = await listResources<{ type?: string }>(db, 'trunk');
  return trunks
    .filter((t) => t.body.type === 'registration')
    .map((t) => {
      const status = live.get(trunkEndpoint(t.id));
      return status === undefined ? { id: t.id } : { id: t.id, status };
    });
}

/** How many channels Asterisk has (ARI GET /channels). */
export async function activeChannels(ari: Ari): Promise<number> {
  const { status, body } = await ari.request('GET', '/channels');
  if (status !== 200 || !Array.isArray(body)) throw new Error(`ARI GET /channels answered ${status}`);
  return body.length;
}

/** How many of our extensions are reachable (ARI endpoint state `online`: a registered contact). */
export async function registeredExtensions(db: Kysely<Database>, ari: Ari): Promise<number> {
  const { status, body } = await ari.request('GET', '/endpoints/PJSIP');
  if (status !== 200 || !Array.isArray(body)) throw new Error(`ARI GET /endpoints/PJSIP answered ${status}`);
  const online = new Set((body as { resource?: string; state?: string }[]).filter((e) => e.state === 'online').map((e) => e.resource));
  const extensions = await listResources(db, 'extension');
  return extensions.filter((e) => online.has(e.id)).length;
}

/** Callers waiting per queue (AMI QueueStatus, its QueueParams events' `Calls`). */
export async function queueCallers(ami: AmiOptions | AmiRunner): Promise<Map<string, number>> {
  const packets = await amiRunner(ami)({ Action: 'QueueStatus' });
  return new Map(packets.filter((p) => p.Event === 'QueueParams' && p.Queue).map((p) => [p.Queue!, Number(p.Calls ?? 0)]));
}
