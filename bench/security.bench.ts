/**
 * `pnpm bench security`: the SIP brute-force guard under attack. A server (temp DATA_DIR) publishes
 * extensions 1000-1003 and the Musterfirma IVR (number 100); a phone (sipp, 1002 on 127.0.0.2)
 * calls the IVR at CALL_RATE calls per second, each call held HOLD_MS, and re-registers once a second.
 * Each phase measures Asterisk's CPU (/proc/<pid>/stat) while the phone's calls run, with or without
 * ATTACKERS sipp processes on 127.0.0.31... sending wrong-password REGISTERs at ATTACK_RATE each
 * for ATTACK_SECONDS. An attacker sends each request once and goes on at its rate whether it is
 * answered or not (a scanner; a dropped request is given up after ANSWER_TIMEOUT_MS).
 *
 * The phases, in one run:
 * 1. baseline (calls alone); 2. the attack with the best enforcement the server has here (the
 *    product's: the ACL and the kernel's drop when the server may set nftables, else the ACL alone);
 * 3. baseline; 4. the attack from other addresses with the same DATA_DIR served by a server with
 *    KERNEL_BANS=off (the ACL alone; skipped when 2 had the ACL alone already); 5. baseline;
 * 6. the attack with the guard switched off. Each attack's baseline is the mean of the baselines
 *    before and after it, so that a drifting shared machine hits both sides alike.
 *
 * Prints the enforcement, the attack rate sent, `ban_latency_p95_ms` (per attacker: from Asterisk's
 * event of its Nth wrong password, N = maxFailures, to the first enforcement refusing it: the
 * kernel's set taking it, or the res_pjsip reload's return; and the parts: event to the guard's
 * decision, decision to each enforcement), what the attacker saw (`ban_seen_by_attacker_p95_ms`:
 * from the answer to its Nth wrong password to its first request refused with 403 or left
 * unanswered), `banned_attackers`, `legit_call_failures` (goal 0), `attack_cpu_ratio` (Asterisk CPU
 * per second during the attack over the baseline; goal <= 1.5), `acl_only_attack_cpu_ratio` and
 * `unprotected_attack_cpu_ratio`. Puts the generated files back and lifts the bans afterwards.
 * Needs the local Asterisk; the kernel's drop needs root and nft.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_FILES } from '../apps/server/src/publish/config-set.js';
import { BANS_FILE, BANS_MODULE } from '../apps/server/src/security/bans-file.js';
import { readKernelTable } from '../apps/server/src/security/test-tables.js';
import { must, startTestServer, type TestServer } from '../apps/server/src/testing.js';
import { runSipp, type SippResult } from '../tests/server/ban-sipp.js';
import { keepGeneratedFiles, loadLocalAsterisk, probeAsterisk, reloadModule, serverAsteriskEnv, stateFilePath, writeGeneratedFile } from '../tests/support/local-asterisk.js';
import { parseSippTrace } from './sip-trace.js';
import { percentile, report } from './stats.js';

const ATTACKERS = Number(process.env.BENCH_ATTACKERS ?? 5);
/** Wrong-password REGISTERs per second of each attacker (5 x 40 = 200 per second in all). */
const ATTACK_RATE = Number(process.env.BENCH_ATTACK_RATE ?? 40);
const ATTACK_SECONDS = 10;
/** How long an attacker waits for an answer before it counts the request as lost. */
const ANSWER_TIMEOUT_MS = 1000;
const CALL_RATE = Number(process.env.BENCH_CALL_RATE ?? 2);
const HOLD_MS = 2000;
const PHONE = '127.0.0.2';
const attackerAddress = (i: number) => `127.0.0.${31 + i}`;

/** Asterisk's CPU time so far (user + system, all threads), in milliseconds. */
function asteriskCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

interface Phase {
  /** Asterisk CPU per wall-clock second during the phone's calls. */
  cpuPerSecond: number;
  calls: SippResult;
  registers: SippResult;
  attacks: SippResult[];
}

/** The phone's calls and registrations, with `attackers` attacking beside them (from the `offset`-th address on); CPU over the phone's calls. */
async function phase(sipPort: number, pid: number, secret: string, attackers: number, offset = 0): Promise<Phase> {
  const calls = Math.round(CALL_RATE * ATTACK_SECONDS);
  const cpuBefore = asteriskCpuMs(pid);
  const start = performance.now();
  const phone = runSipp({ scenario: 'call', source: PHONE, sipPort, user: '1002', password: secret, number: '100', calls, rate: CALL_RATE, limit: calls, holdMs: HOLD_MS, timeoutSeconds: 60 });
  const registers = runSipp({ scenario: 'register', source: PHONE, sipPort, user: '1002', password: secret, calls: ATTACK_SECONDS, rate: 1, limit: 1, timeoutSeconds: 60 });
  const attacks = Array.from({ length: attackers }, (_, i) =>
    runSipp({
      scenario: 'register',
      source: attackerAddress(offset + i),
      sipPort,
      user: '1001',
      password: 'not-the-password',
      calls: ATTACK_RATE * ATTACK_SECONDS,
      rate: ATTACK_RATE,
      // Unanswered requests stay open for ANSWER_TIMEOUT_MS: room for them, so the rate holds.
      limit: Math.ceil((ATTACK_RATE * ANSWER_TIMEOUT_MS) / 1000) * 2,
      retransmit: false,
      answerTimeoutMs: ANSWER_TIMEOUT_MS,
      timeoutSeconds: 60,
    }),
  );
  const callsDone = await phone;
  const cpuPerSecond = (asteriskCpuMs(pid) - cpuBefore) / ((performance.now() - start) / 1000);
  return { cpuPerSecond, calls: callsDone, registers: await registers, attacks: await Promise.all(attacks) };
}

/** Calls (by Call-ID: a retransmitted answer counts once) whose response to `cseq` was 200. */
function answered(result: SippResult, cseq: (text: string) => boolean): number {
  return new Set(parseSippTrace(result.messages).filter((m) => m.direction === 'received' && m.first === '200' && cseq(m.cseq)).map((m) => m.callId)).size;
}

/** Calls that were answered and whose BYE got 200 (CSeq `3 BYE`). */
const completedCalls = (result: SippResult) => answered(result, (cseq) => cseq === '3 BYE');
/** REGISTERs that got 200. */
const completedRegisters = (result: SippResult) => answered(result, (cseq) => cseq.endsWith('REGISTER'));

/**
 * An attacker's view: wrong passwords sent per second; ms from its Nth refused password to its
 * first request refused (403) or never answered (dropped); how many requests got no answer.
 */
function attackerFigures(result: SippResult, maxFailures: number): { attemptsPerSecond: number; banLatencyMs?: number; unanswered: number } {
  const trace = parseSippTrace(result.messages);
  const attempts = trace.filter((m) => m.direction === 'sent' && m.cseq === '1 REGISTER');
  const span = (attempts.at(-1)!.time - attempts[0]!.time) / 1000;
  const answeredCalls = new Set(trace.filter((m) => m.direction === 'received').map((m) => `${m.callId} ${m.cseq}`));
  const lost = trace.filter((m) => m.direction === 'sent' && m.cseq.endsWith('REGISTER') && !answeredCalls.has(`${m.callId} ${m.cseq}`));
  const refused = trace.filter((m) => m.direction === 'received' && m.first === '401' && m.cseq === '2 REGISTER');
  const firstBan = Math.min(trace.find((m) => m.direction === 'received' && m.first === '403')?.time ?? Infinity, lost[0]?.time ?? Infinity);
  const nth = refused[maxFailures - 1];
  return { attemptsPerSecond: attempts.length / span, unanswered: lost.length, ...(nth && Number.isFinite(firstBan) ? { banLatencyMs: firstBan - nth.time } : {}) };
}

async function putSettings(t: TestServer, change: Record<string, unknown>): Promise<void> {
  const current = await must<Record<string, unknown>>(t.api('/settings/security'), 'read the security settings');
  await must(t.api('/settings/security', { method: 'PUT', json: { ...current, ...change } }), 'change the security settings');
}

async function waitWatching(t: TestServer): Promise<void> {
  for (let i = 0; i < 200 && !(await must<{ watching: boolean }>(t.api('/security/bans'), 'bans')).watching; i++) await new Promise((r) => setTimeout(r, 50));
}

async function setUp(t: TestServer): Promise<string> {
  let secret = '';
  for (const [id, name] of Object.entries({ '1000': 'Zentrale', '1001': 'Vertrieb', '1002': 'Support', '1003': 'Buchhaltung' })) {
    const created = await must<{ secret: string }>(t.api('/extensions', { method: 'POST', json: { id, name, voicemail: { enabled: true, pin: '4711' } } }), `extension ${id}`, 201);
    if (id === '1002') secret = created.secret;
  }
  const flow = JSON.parse(readFileSync(join(import.meta.dirname, '../examples/musterfirma.flow.json'), 'utf8')) as unknown;
  await must(t.api('/flows/import', { method: 'POST', json: flow }), 'import musterfirma');
  await must(t.api('/flows/musterfirma/versions', { method: 'POST' }), 'release musterfirma', 201);
  await must(t.api('/publish', { method: 'POST' }), 'publish');
  // Loopback is not the LAN: the attackers may be banned.
  await putSettings(t, { allowlist: [] });
  await waitWatching(t);
  return secret;
}

interface BanRow {
  address: string;
  since: string;
  enforced: boolean;
  enforcedAt?: string;
  enforcedBy: { acl?: string; kernel?: string };
}

/** The attack's bans as the server saw them: per banned attacker, event → decision → each enforcement (ms). */
async function banSteps(t: TestServer, attackers: Set<string>) {
  const { bans } = await must<{ bans: BanRow[] }>(t.api('/security/bans'), 'bans');
  const events = await must<Array<{ address: string; outcome: string; time: string }>>(t.api('/security/events?last=200'), 'events');
  const banned = bans.filter((b) => b.enforced && attackers.has(b.address));
  const steps = banned.flatMap((b) => {
    const trigger = events.find((e) => e.address === b.address && e.outcome === 'banned');
    if (!trigger || !b.enforcedAt) return [];
    const [event, decided] = [Date.parse(trigger.time), Date.parse(b.since)];
    const after = (iso?: string) => (iso ? Date.parse(iso) - decided : undefined);
    return [{ total: Date.parse(b.enforcedAt) - event, decision: decided - event, acl: after(b.enforcedBy.acl), kernel: after(b.enforcedBy.kernel) }];
  });
  return { banned: banned.length, steps };
}

const p95 = (values: Array<number | undefined>) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? percentile(known, 95) : NaN;
};

async function liftAll(t: TestServer): Promise<void> {
  const { bans } = await must<{ bans: Array<{ address: string }> }>(t.api('/security/bans'), 'bans');
  for (const ban of bans) await must(t.api(`/security/bans/${ban.address}`, { method: 'DELETE' }), `lift ${ban.address}`);
}

export async function benchSecurity(): Promise<void> {
  const asterisk = loadLocalAsterisk();
  const down = await probeAsterisk(asterisk);
  if (down) throw new Error(`${down}\nstart the local Asterisk first: pnpm asterisk start`);
  const state = JSON.parse(readFileSync(stateFilePath(), 'utf8')) as { sipPort: number; asteriskRoot: string };
  const pid = Number(readFileSync(join(state.asteriskRoot, 'run/asterisk/asterisk.pid'), 'utf8').trim());
  const restore = keepGeneratedFiles(asterisk, { ...GENERATED_FILES, [BANS_FILE]: BANS_MODULE });
  writeGeneratedFile(asterisk, BANS_FILE, '');
  await reloadModule(asterisk, BANS_MODULE);
  // One DATA_DIR for both servers: the ACL-only one serves what the first published.
  const dataDir = mkdtempSync(join(tmpdir(), 'swf-bench-security-'));
  let t = await startTestServer({ ...serverAsteriskEnv(), DATA_DIR: dataDir });
  try {
    const secret = await setUp(t);
    const { maxFailures } = await must<{ maxFailures: number }>(t.api('/settings/security'), 'settings');
    const { enforcement } = await must<{ enforcement: string[] }>(t.api('/security/bans'), 'bans');
    const calls = Math.round(CALL_RATE * ATTACK_SECONDS);
    const attackerSet = (offset: number) => new Set(Array.from({ length: ATTACKERS }, (_, i) => attackerAddress(offset + i)));

    const b1 = await phase(state.sipPort, pid, secret, 0);
    const droppedBefore = t.server.security.kernelTable ? (await readKernelTable(t.server.security.kernelTable))?.dropped ?? 0 : 0;
    const best = await phase(state.sipPort, pid, secret, ATTACKERS);
    const dropped = t.server.security.kernelTable ? ((await readKernelTable(t.server.security.kernelTable))?.dropped ?? 0) - droppedBefore : 0;
    const bestBans = await banSteps(t, attackerSet(0));
    const b2 = await phase(state.sipPort, pid, secret, 0);

    // The ACL alone: the same DATA_DIR served by a server that may not use the kernel.
    let aclOnly = best;
    let aclBans = bestBans;
    let b3 = b2;
    if (enforcement.includes('kernel')) {
      await liftAll(t);
      await t.stop();
      t = await startTestServer({ ...serverAsteriskEnv(), DATA_DIR: dataDir, KERNEL_BANS: 'off' });
      await waitWatching(t);
      aclOnly = await phase(state.sipPort, pid, secret, ATTACKERS, 5);
      aclBans = await banSteps(t, attackerSet(5));
      b3 = await phase(state.sipPort, pid, secret, 0);
    }
    // The same attack with the guard switched off, for comparison (other addresses again).
    await putSettings(t, { enabled: false });
    const unprotected = await phase(state.sipPort, pid, secret, ATTACKERS, 10);
    await putSettings(t, { enabled: true });

    const figures = best.attacks.map((a) => attackerFigures(a, maxFailures));
    const aclFigures = aclOnly.attacks.map((a) => attackerFigures(a, maxFailures));
    const baseline = (b1.cpuPerSecond + b2.cpuPerSecond) / 2;
    const laterBaseline = (b2.cpuPerSecond + b3.cpuPerSecond) / 2;
    const callFailures = (p: Phase) => calls - completedCalls(p.calls);

    console.log(`enforcement=${enforcement.join(',')}`);
    report('attack_registers_per_second', figures.reduce((sum, f) => sum + f.attemptsPerSecond, 0), 1);
    report('ban_latency_p50_ms', bestBans.steps.length ? percentile(bestBans.steps.map((x) => x.total), 50) : NaN, 1);
    report('ban_latency_p95_ms', p95(bestBans.steps.map((x) => x.total)), 1);
    report('ban_decision_p95_ms', p95(bestBans.steps.map((x) => x.decision)), 1);
    report('ban_kernel_p95_ms', p95(bestBans.steps.map((x) => x.kernel)), 1);
    report('ban_reload_p95_ms', p95(bestBans.steps.map((x) => x.acl)), 1);
    report('ban_seen_by_attacker_p95_ms', p95(figures.map((f) => f.banLatencyMs)), 1);
    report('attacker_attempt_interval_ms', 1000 / ATTACK_RATE, 1);
    report('banned_attackers', bestBans.banned, 0);
    report('attacker_requests_unanswered', figures.reduce((sum, f) => sum + f.unanswered, 0), 0);
    report('kernel_dropped_packets', dropped, 0);
    report('legit_calls', calls, 0);
    report('legit_call_failures', callFailures(best), 0);
    report('legit_register_failures', ATTACK_SECONDS - completedRegisters(best.registers), 0);
    report('baseline_call_failures', callFailures(b1) + callFailures(b2) + (b3 === b2 ? 0 : callFailures(b3)), 0);
    report('asterisk_cpu_baseline_ms_per_s', baseline, 1);
    console.log(`asterisk_cpu_baselines_ms_per_s=${[b1, b2, ...(b3 === b2 ? [] : [b3])].map((p) => p.cpuPerSecond.toFixed(1)).join(',')}`);
    report('asterisk_cpu_attack_ms_per_s', best.cpuPerSecond, 1);
    report('attack_cpu_ratio', best.cpuPerSecond / baseline, 3);
    report('acl_only_ban_latency_p95_ms', p95(aclBans.steps.map((x) => x.total)), 1);
    report('acl_only_banned_attackers', aclBans.banned, 0);
    report('acl_only_ban_seen_by_attacker_p95_ms', p95(aclFigures.map((f) => f.banLatencyMs)), 1);
    report('acl_only_legit_call_failures', callFailures(aclOnly), 0);
    report('acl_only_asterisk_cpu_attack_ms_per_s', aclOnly.cpuPerSecond, 1);
    report('acl_only_attack_cpu_ratio', aclOnly.cpuPerSecond / laterBaseline, 3);
    report('unprotected_attack_cpu_ratio', unprotected.cpuPerSecond / laterBaseline, 3);
    report('unprotected_legit_call_failures', callFailures(unprotected), 0);
    console.log(`load_average=${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(',')}`);
  } finally {
    await liftAll(t);
    await t.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await restore();
  }
}
