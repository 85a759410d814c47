import type { Kysely } from 'kysely';
import type { AmiOptions, AmiRunner } from '../asterisk/ami.js';
import type { Ari } from '../asterisk/ari.js';
import type { Database } from '../db/tables.js';
import { openAlerts } from './alerts.repository.js';
import { ALERT_KINDS } from './conditions.js';
import { activeChannels, queueCallers, registeredExtensions, trunkStates } from './live-state.js';
import type { Histogram, MetricFamily } from './metrics-text.js';

export interface MetricsDeps {
  db: Kysely<Database>;
  asterisk?: { ari: Ari; ami: AmiOptions | AmiRunner };
  /** How many SIP bans are in force now (the security guard's list). */
  activeBans: () => number;
  publishDurations: Histogram;
}

function gauge(name: string, help: string, samples: MetricFamily['samples']): MetricFamily {
  return { name, help, type: 'gauge', samples };
}

/**
 * Every metric, read fresh for one scrape. Asterisk's are left out when it does not answer
 * (`swf_asterisk_up 0` says so): a 0 there would read as "no calls", which is not what we know.
 */
export async function collectMetrics(deps: MetricsDeps): Promise<MetricFamily[]> {
  const families: MetricFamily[] = [];
  const up = deps.asterisk ? await deps.asterisk.ari.ping() : false;
  families.push(gauge('swf_asterisk_up', 'Whether Asterisk answers ARI (1) or not (0)', [{ value: up ? 1 : 0 }]));
  if (deps.asterisk && up) {
    const { ari, ami } = deps.asterisk;
    const [calls, registered, trunks, queues] = await Promise.all([activeChannels(ari), registeredExtensions(deps.db, ari), trunkStates(deps.db, ami), queueCallers(ami)]);
    families.push(
      gauge('swf_active_channels', 'Channels Asterisk has now (a call between two parties is two)', [{ value: calls }]),
      gauge('swf_registered_endpoints', 'Extensions with a registered phone (ARI endpoint state online)', [{ value: registered }]),
      gauge(
        'swf_trunk_registered',
        'Per registration trunk: 1 when its outbound registration is Registered, else 0; status is Asterisk\'s word',
        trunks.map((t) => ({ labels: { trunk: t.id, status: t.status ?? 'none' }, value: t.status === 'Registered' ? 1 : 0 })),
      ),
      gauge('swf_queue_callers', 'Callers waiting per queue', [...queues].map(([queue, n]) => ({ labels: { queue }, value: n }))),
    );
  }
  families.push(gauge('swf_bans_active', 'SIP addresses banned now by the brute-force guard', [{ value: deps.activeBans() }]));
  const open = await openAlerts(deps.db);
  families.push(
    gauge(
      'swf_alerts_open',
      'Open alerts per kind',
      ALERT_KINDS.map((kind) => ({ labels: { kind }, value: open.filter((a) => a.kind === kind).length })),
    ),
  );
  families.push(deps.publishDurations.family());
  return families;
}
