import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Ban, Failure } from './ban-policy.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Every stored ban, active or remembered. */
export async function loadBans(db: Kysely<Database>): Promise<Ban[]> {
  const rows = await db.selectFrom('security_bans').selectAll().execute();
  return rows.map((r) => ({
    address: r.address,
    since: Date.parse(r.since),
    until: Date.parse(r.until),
    failures: r.failures,
    repeat: r.repeat,
    events: JSON.parse(r.events) as Record<string, number>,
    accounts: JSON.parse(r.accounts) as string[],
    registered: r.registered === 1,
  }));
}

/** Stores a ban (replacing the address's earlier one) and forgets the failures it ends. */
export async function saveBan(db: Kysely<Database>, ban: Ban): Promise<void> {
  const row = {
    address: ban.address,
    since: iso(ban.since),
    until: iso(ban.until),
    failures: ban.failures,
    repeat: ban.repeat,
    events: JSON.stringify(ban.events),
    accounts: JSON.stringify(ban.accounts),
    registered: ban.registered ? 1 : 0,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('security_bans').values(row).onConflict((oc) => oc.column('address').doUpdateSet(row)).execute();
    await trx.deleteFrom('security_failures').where('address', '=', ban.address).execute();
  });
}

/** Forgets an address: its ban and its failures (an admin lifted it). */
export async function forgetAddress(db: Kysely<Database>, address: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('security_bans').where('address', '=', address).execute();
    await trx.deleteFrom('security_failures').where('address', '=', address).execute();
  });
}

/** The failures since `from` (ms), by address, oldest first. */
export async function loadFailures(db: Kysely<Database>, from: number): Promise<Map<string, Failure[]>> {
  const rows = await db.selectFrom('security_failures').selectAll().where('time', '>', iso(from)).orderBy('time').execute();
  const byAddress = new Map<string, Failure[]>();
  for (const r of rows) {
    const list = byAddress.get(r.address) ?? [];
    list.push({ time: Date.parse(r.time), event: r.event, ...(r.account !== null ? { account: r.account } : {}) });
    byAddress.set(r.address, list);
  }
  return byAddress;
}

export async function insertFailure(db: Kysely<Database>, address: string, failure: Failure): Promise<void> {
  await db.insertInto('security_failures').values({ address, time: iso(failure.time), event: failure.event, account: failure.account ?? null }).execute();
}

/** Drops failures older than `failuresFrom` and bans that ended before `bansUntil` (ms). */
export async function pruneSecurity(db: Kysely<Database>, failuresFrom: number, bansUntil: number): Promise<void> {
  await db.deleteFrom('security_failures').where('time', '<=', iso(failuresFrom)).execute();
  await db.deleteFrom('security_bans').where('until', '<', iso(bansUntil)).execute();
}
