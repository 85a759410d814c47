import type { OutboundRouteResource } from '@stumpfworks/dialplan';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { getResource, insertResource } from './resources.repository.js';

/** The numbers that always route out, first, through every usable trunk. */
export const EMERGENCY_NUMBERS = ['110', '112'] as const;
export const EMERGENCY_ROUTE_ID = 'emergency';

/** Creates the emergency route (110/112 through all trunks) when it is missing. */
export async function ensureEmergencyRoute(db: Kysely<Database>): Promise<void> {
  if (await getResource(db, 'outbound-route', EMERGENCY_ROUTE_ID)) return;
  const route: OutboundRouteResource = {
    id: EMERGENCY_ROUTE_ID,
    name: 'Notruf / emergency (110, 112)',
    patterns: [...EMERGENCY_NUMBERS],
    trunks: [],
    strip: 0,
    prepend: '',
    block: false,
  };
  await insertResource(db, 'outbound-route', route.id, route);
}
