/**
 * `pnpm bench security`: the SIP brute-force guard under attack. A server (temp DATA_DIR) publishes
 * extensions 1000-1003 and the Musterfirma IVR (number 100); a phone (sipp, 1002 on 127.0.0.2)
 * calls the IVR at CALL_RATE calls per second, each call held HOLD_MS, and re-registers once a second.
 * Phase 1 measures Asterisk's CPU (/proc/<pid>/stat) under the calls alone; phase 2 runs the same
 * calls while ATTACKERS sipp processes on 127.0.0.31... send wrong-password REGISTERs at
 * ATTACK_RATE each for ATTACK_SECONDS; phase 3 repeats phase 1 (the baseline is the mean of 1 and 3,
 * so that a drifting shared machine hits both sides alike).
 *
 * Prints the attack rate sent, `ban_latency_p95_ms` (per attacker: from Asterisk's event of its Nth
 * wrong password, N = maxFailures, to the return of the res_pjsip reload that denies it), the same
 * as the attacker saw it (`ban_seen_by_attacker_p95_ms`: from the answer to its Nth wrong password
 * to the first 403 it got, so at most one attempt interval more; and the two parts: event to the
 * guard's decision, decision to the reload's return), `banned_attackers`, `legit_call_failures` (goal 0) and `attack_cpu_ratio` (Asterisk CPU
 * per second during the attack over the baseline; goal <= 1.5). Phase 4 runs the attack again
 * from other addresses with the guard switched off (`unprotected_attack_cpu_ratio`). Puts the
 * generated files back and lifts the bans afterwards. Needs the local Asterisk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_FILES } from '../apps/server/src/publish/config-set.js';
import { BANS_FILE, BANS_MODULE } from '../apps/server/src/security/bans-file.js';
import { must, startTestServer, type TestServer } from '../apps/server/src/testing.js';
import { runSipp, type SippResult } from '../tests/server/ban-sipp.js';
import { keepGeneratedFiles, loadLocalAsterisk, probeAsterisk, reloadModule, serverAsteriskEnv, stateFilePath, writeGeneratedFile } from '../tests/support/local-asterisk.js';
import { parseSippTrace } from './sip-trace.js';
import { percentile, report } from './stats.js';

const ATTACKERS = Number(process.env.BENCH_ATTACKERS ?? 5);
/** Wrong-password REGISTERs per second of each attacker (5 x 40 = 200 per second in all). */
const ATTACK_RATE = Number(process.env.BENCH_ATTACK_RATE ?? 40);
const ATTACK_SECONDS = 10;
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
      limit: ATTACK_RATE,
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

/** An attacker's view: wrong passwords sent per second, and ms from its Nth refused password to its first 403. */
function attackerFigures(result: SippResult, maxFailures: number): { attemptsPerSecond: number; banLatencyMs?: number } {
  const trace = parseSippTrace(result.messages);
  const attempts = trace.filter((m) => m.direction === 'sent' && m.cseq === '1 REGISTER');
  const span = (attempts.at(-1)!.time - attempts[0]!.time) / 1000;
  const refused = trace.filter((m) => m.direction === 'received' && m.first === '401' && m.cseq === '2 REGISTER');
  const firstBan = trace.find((m) => m.direction === 'received' && m.first === '403');
  const nth = refused[maxFailures - 1];
  return { attemptsPerSecond: attempts.length / span, ...(nth && firstBan ? { banLatencyMs: firstBan.time - nth.time } : {}) };
}

async function putSettings(t: TestServer, change: Record<string, unknown>): Promise<void> {
  const current = await must<Record<string, unknown>>(t.api('/settings/security'), 'read the security settings');
  await must(t.api('/settings/security', { method: 'PUT', json: { ...current, ...change } }), 'change the security settings');
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
  for (let i = 0; i < 200 && !(await must<{ watching: boolean }>(t.api('/security/bans'), 'bans')).watching; i++) await new Promise((r) => setTimeout(r, 50));
  return secret;
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
  const t = await startTestServer(serverAsteriskEnv());
  try {
    const secret = await setUp(t);
    const { maxFailures } = await must<{ maxFailures: number }>(t.api('/settings/security'), 'settings');
    const before = await phase(state.sipPort, pid, secret, 0);
    const attacked = await phase(state.sipPort, pid, secret, ATTACKERS);
    const { bans } = await must<{ bans: Array<{ address: string; since: string; enforced: boolean; enforcedAt?: string }> }>(t.api('/security/bans'), 'bans');
    const events = await must<Array<{ address: string; outcome: string; time: string }>>(t.api('/security/events?last=200'), 'events');
    const after = await phase(state.sipPort, pid, secret, 0);
    // The same attack with the guard switched off, for comparison (other addresses: the banned ones stay banned).
    await putSettings(t, { enabled: false });
    const unprotected = await phase(state.sipPort, pid, secret, ATTACKERS, 10);
    await putSettings(t, { enabled: true });

    const figures = attacked.attacks.map((a) => attackerFigures(a, maxFailures));
    const seen = figures.flatMap((f) => (f.banLatencyMs !== undefined ? [f.banLatencyMs] : []));
    const attackers = new Set(Array.from({ length: ATTACKERS }, (_, i) => attackerAddress(i)));
    const banned = bans.filter((b) => b.enforced && attackers.has(b.address));
    // Asterisk's time of the Nth failure (the event that banned) to the guard's decision, and on to
    // the return of the ACL reload that denies the address.
    const steps = banned.flatMap((b) => {
      const trigger = events.find((e) => e.address === b.address && e.outcome === 'banned');
      if (!trigger || !b.enforcedAt) return [];
      const [event, decided, enforcedAt] = [Date.parse(trigger.time), Date.parse(b.since), Date.parse(b.enforcedAt)];
      return [{ total: enforcedAt - event, decision: decided - event, reload: enforcedAt - decided }];
    });
    const enforced = steps.map((x) => x.total);
    const phases = [before, attacked, after];
    const calls = Math.round(CALL_RATE * ATTACK_SECONDS);
    const callFailures = phases.map((p) => calls - completedCalls(p.calls));
    const registerFailures = phases.map((p) => ATTACK_SECONDS - completedRegisters(p.registers));
    const baseline = (before.cpuPerSecond + after.cpuPerSecond) / 2;

    report('attack_registers_per_second', figures.reduce((sum, f) => sum + f.attemptsPerSecond, 0), 1);
    report('ban_latency_p50_ms', enforced.length ? percentile(enforced, 50) : NaN, 1);
    report('ban_latency_p95_ms', enforced.length ? percentile(enforced, 95) : NaN, 1);
    report('ban_decision_p95_ms', steps.length ? percentile(steps.map((x) => x.decision), 95) : NaN, 1);
    report('ban_reload_p95_ms', steps.length ? percentile(steps.map((x) => x.reload), 95) : NaN, 1);
    report('ban_seen_by_attacker_p95_ms', seen.length ? percentile(seen, 95) : NaN, 1);
    report('attacker_attempt_interval_ms', 1000 / ATTACK_RATE, 1);
    report('banned_attackers', banned.length, 0);
    report('legit_calls', calls, 0);
    report('legit_call_failures', callFailures[1]!, 0);
    report('legit_register_failures', registerFailures[1]!, 0);
    report('baseline_call_failures', callFailures[0]! + callFailures[2]!, 0);
    report('asterisk_cpu_baseline_ms_per_s', baseline, 1);
    report('asterisk_cpu_attack_ms_per_s', attacked.cpuPerSecond, 1);
    report('attack_cpu_ratio', attacked.cpuPerSecond / baseline, 3);
    report('unprotected_attack_cpu_ratio', unprotected.cpuPerSecond / baseline, 3);
    report('unprotected_legit_call_failures', calls - completedCalls(unprotected.calls), 0);
    console.log(`load_average=${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(',')}`);
  } finally {
    const { bans } = await must<{ bans: Array<{ address: string }> }>(t.api('/security/bans'), 'bans');
    for (const ban of bans) await must(t.api(`/security/bans/${ban.address}`, { method: 'DELETE' }), `lift ${ban.address}`);
    await t.stop();
    await restore();
  }
}
