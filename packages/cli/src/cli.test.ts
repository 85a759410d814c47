import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { callingFlow } from '@stumpfworks/flow';
import { describe, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const example = (name: string) => join(root, 'examples', `${name}.flow.json`);

/** CLI processes running now, and the runs waiting for a turn (first come, first served). */
let running = 0;
const queued: Array<() => void> = [];

/**
 * At most two CLI processes at once, one per core of the CI machine: the cases run at the same
 * time, but five cases' tsx processes at once overran the timeout on this 2-core machine under
 * load (CI), while one at a time left a core idle.
 */
async function inTurn<T>(run: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => queued.push(resolve));
  running++;
  try {
    return await run();
  } finally {
    running--;
    queued.shift()?.();
  }
}

/**
 * Runs `pnpm flow ...` the way a user does (through tsx), returning exit code and output. Not
 * spawnSync: each run is a process of its own, so two run at the same time (inTurn).
 */
function flow(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return inTurn(() => spawnFlow(args));
}

function spawnFlow(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/cli/src/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'swf-cli-')), 'bad.flow.json');
  writeFileSync(file, content);
  return file;
}

/** A flow whose call goes straight to the flow `target` (a sub-flow), in a folder of its own; and a library folder with `sales`. */
function frontAndLibrary(target: string): { front: string; library: string } {
  const dir = mkdtempSync(join(tmpdir(), 'swf-cli-'));
  const front = join(dir, 'front.flow.json');
  writeFileSync(
    front,
    JSON.stringify({
      schemaVersion: 1,
      id: 'front',
      name: 'Front',
      nodes: [
        { id: 'start', type: 'Start', params: { number: '700' } },
        { id: 'go', type: 'GotoFlow', params: { flow: target } },
      ],
      edges: [{ from: 'start', output: 'next', to: 'go' }],
    }),
  );
  const library = join(dir, 'library');
  mkdirSync(library);
  writeFileSync(
    join(library, 'sales.flow.json'),
    JSON.stringify({
      schemaVersion: 1,
      id: 'sales',
      name: 'Sales',
      nodes: [
        { id: 'start', type: 'Start', params: {} },
        { id: 'hours', type: 'TimeCondition', params: { timezone: 'America/New_York', weekly: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }] } },
        { id: 'open', type: 'Hangup', params: {} },
        { id: 'closed', type: 'Voicemail', params: { mailbox: '1000' } },
      ],
      edges: [
        { from: 'start', output: 'next', to: 'hours' },
        { from: 'hours', output: 'open', to: 'open' },
        { from: 'hours', output: 'closed', to: 'closed' },
      ],
    }),
  );
  return { front, library };
}

// Every case runs its own processes on its own files: they run at the same time (the local expect),
// their processes two at a time (inTurn). The timeout only catches a hang: a case's runs may wait
// for the turns of the cases beside it; in a full unit run on the shared machine at load 30-50 one
// case of three runs took 44 s.
describe('pnpm flow', { timeout: 120_000, concurrent: true }, () => {
  it('validate: exit 0 for a valid flow', async ({ expect }) => {
    const r = await flow('validate', example('musterfirma'));
    expect(r).toMatchObject({ code: 0, stdout: 'ok: musterfirma (19 nodes) is valid\n' });
  });

  it('validate: exit 1 with the diagnostics of an invalid flow', async ({ expect }) => {
    const file = tempFile(
      JSON.stringify({
        schemaVersion: 1,
        id: 'broken',
        name: 'Broken',
        nodes: [
          { id: 'start', type: 'Start', params: { number: '100' } },
          { id: 'menu', type: 'Menu', params: { prompt: { kind: 'sound', name: 'beep' } } },
        ],
        edges: [{ from: 'start', output: 'next', to: 'menu' }],
      }),
    );
    const r = await flow('validate', file, '--lang', 'de');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error node "menu" output "timeout" [menu-no-timeout]: Was passiert, wenn der Anrufer nichts drückt?');
    expect(r.stdout).toContain('[menu-no-branches]');
  });

  it('validate: malformed JSON and a newer schemaVersion are named, nothing is half-accepted', async ({ expect }) => {
    const malformed = await flow('validate', tempFile('{"schemaVersion": 1,'));
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/not a valid flow\n {2}\(document\): not valid JSON/);
    const newer = await flow('validate', tempFile('{"schemaVersion": 9, "id": "x", "name": "x", "nodes": [], "edges": []}'));
    expect(newer.code).toBe(1);
    expect(newer.stderr).toContain('schemaVersion: the flow was saved by a newer version (schemaVersion 9)');
    const german = await flow('validate', tempFile('{"schemaVersion": 9, "id": "x", "name": "x", "nodes": [], "edges": []}'), '--lang', 'de');
    expect(german.stderr).toContain('schemaVersion: Der Ablauf wurde von einer neueren Version gespeichert (schemaVersion 9)');
  });

  it('validate: a missing params names the field and the fix', async ({ expect }) => {
    const file = tempFile(JSON.stringify({ schemaVersion: 1, id: 'x', name: 'X', nodes: [{ id: 'start', type: 'Start', params: {} }, { id: 'q', type: 'Queue' }], edges: [] }));
    const r = await flow('validate', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nodes[1] "q".params: "params" is missing: a Queue node needs its settings; add for example "params": {"queue":"support"}');
  });

  it('validate: a missing file is a clear error', async ({ expect }) => {
    expect(await flow('validate', '/nonexistent/x.flow.json')).toMatchObject({ code: 1, stderr: 'cannot read /nonexistent/x.flow.json: ENOENT\n' });
  });

  it('compile: extensions.conf text on stdout, sub-flows included', async ({ expect }) => {
    const r = await flow('compile', example('language-choice'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^; generated by StumpfWorks VoIP/);
    expect(r.stdout).toContain('exten => 400,1,Goto(swf-language-choice,s,1)');
    expect(r.stdout).toContain('[swf-support-queue-queue]');
  });

  it('simulate: prints the transcript', async ({ expect }) => {
    const r = await flow('simulate', example('musterfirma'), '--events', '2,busy', '--at', '2026-06-03T10:00:00+02:00', '--caller', '0891234');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[support] Dials 1002 (20 s)');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('End: voicemail 1002 (musterfirma/voice' + 'mail-support)');
  });

  it('simulate: the support queue (a sub-flow) speaks the language the caller chose (issue #16)', async ({ expect }) => {
    const r = await flow('simulate', example('language-choice'), '--events', '2,overflow');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[support-queue/please-wait] Prompt: "Please hold. The next available agent will be with you shortly."');
    expect(r.stdout).not.toContain('[support-queue/start] Language');
  });

  it('simulate and validate: a sub-flow called with CallFlow returns, and recursion is an error at its node', async ({ expect }) => {
    const r = await flow('simulate', example('members-line'), '--events', '4711');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[pin-check/ask-pin] Asks for digits: "Please enter your four digit PIN."');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('End: hung up (members-line/end)');
    const dir = mkdtempSync(join(tmpdir(), 'swf-cli-'));
    writeFileSync(join(dir, 'a.flow.json'), JSON.stringify(callingFlow('a', 'b')));
    writeFileSync(join(dir, 'b.flow.json'), JSON.stringify(callingFlow('b', 'a')));
    const v = await flow('validate', join(dir, 'a.flow.json'));
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('error node "call" [call-flow-recursion]: The sub-flow calls a flow that is already calling it (a → b → a)');
  });

  it('validate: a node and a sub-flow that get one dialplan name are an error (the compiler would refuse the set)', async ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-cli-'));
    const doc = (id: string, nodes: unknown[], edges: unknown[]) => ({ schemaVersion: 1, id, name: id, nodes, edges });
    writeFileSync(
      join(dir, 'hotline.flow.json'),
      JSON.stringify(
        doc('hotline', [{ id: 'start', type: 'Start', params: { number: '7700' } }, { id: 'team', type: 'CallFlow', params: { flow: 'hotline-team' } }, { id: 'end', type: 'Hangup', params: {} }], [
          { from: 'start', output: 'next', to: 'team' },
          { from: 'team', output: 'next', to: 'end' },
        ]),
      ),
    );
    writeFileSync(join(dir, 'hotline-team.flow.json'), JSON.stringify(doc('hotline-team', [{ id: 'start', type: 'Start', params: {} }, { id: 'back', type: 'Return', params: {} }], [{ from: 'start', output: 'next', to: 'back' }])));
    const v = await flow('validate', join(dir, 'hotline.flow.json'));
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('hotline-team: error [context-clash]: flow "hotline-team" gets the same dialplan name "swf-hotline-team" as node "team" of flow "hotline". Rename one of them.');
  });

  it('simulate: an HTTP answer from the event script, commas inside its JSON kept together', async ({ expect }) => {
    const events = 'http:200:{"customer":{"tier":"vip","id":"4711"}},busy,overflow';
    const r = await flow('simulate', example('customer-lookup'), '--events', events, '--caller', '+49891234');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[lookup] HTTP request GET https://crm.example.com/api/customers?phone=%2B49891234 (at most 2 s)');
    expect(r.stdout).toContain('[lookup] Sets KUNDENNUMMER = "4711"');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('End: voicemail 1002 (customer-lookup/mailbox)');
  });

  it('simulate --json: the transcript as JSON; outside hours the flow goes to voicemail 1000', async ({ expect }) => {
    const r = await flow('simulate', example('musterfirma'), '--events', '', '--at', '2026-06-04T10:00:00+02:00', '--json');
    const transcript = JSON.parse(r.stdout) as { outcome: { kind: string; mailbox: string } };
    expect(transcript.outcome).toMatchObject({ kind: 'voicemail', mailbox: '1000' });
  });

  it('simulate: an event that does not fit says where and what was expected', async ({ expect }) => {
    const r = await flow('simulate', example('musterfirma'), '--events', '2,1', '--at', '2026-06-03T10:00:00+02:00');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/event 2 \("1"\) does not fit.*dial/);
  });

  it('simulate: a bad --at is a usage error', async ({ expect }) => {
    expect(await flow('simulate', example('musterfirma'), '--at', 'tomorrow')).toMatchObject({ code: 2 });
  });

  it('paths: lists the paths with their ends', async ({ expect }) => {
    const r = await flow('paths', example('support-queue'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('answer');
    expect(r.stdout).toContain('End: voicemail 1002');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('2 paths');
  });

  it('validate and simulate: a GotoFlow target found neither beside the file nor in --library is an error at its node', async ({ expect }) => {
    const { front, library } = frontAndLibrary('sales');
    writeFileSync(join(dirname(front), 'broken.flow.json'), '{"schemaVersion": 1,');
    const missing = await flow('validate', front);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('error node "go" [unknown-flow]: Flow "sales" does not exist.');
    expect(missing.stdout).toContain(`sub-flows were looked up by id in ${dirname(front)} (not valid flows, so not searched: ${join(dirname(front), 'broken.flow.json')}); --library <dir> adds a folder`);
    const german = await flow('validate', front, '--lang', 'de');
    expect(german.stdout).toContain('[unknown-flow]: Der Ablauf „sales“ gibt es nicht.');
    expect(await flow('validate', front, '--library', library)).toMatchObject({ code: 0, stdout: 'ok: front (2 nodes) is valid\n' });
    const simulated = await flow('simulate', front);
    expect(simulated.code).toBe(1);
    expect(simulated.stderr).toContain('front: error node "go" [unknown-flow]');
    const typo = frontAndLibrary('sales-typo');
    expect((await flow('validate', typo.front, '--library', typo.library)).stdout).toContain('Flow "sales-typo" does not exist');
  });

  it("simulate and paths: --at without an offset is the flow's local time, and the header shows it with its zone", async ({ expect }) => {
    const { front, library } = frontAndLibrary('sales');
    // 10:00 in New York (the sub-flow's TimeCondition) is open; read in Berlin it would be 04:00, closed.
    const r = await flow('simulate', front, '--library', library, '--at', '2026-06-03T10:00');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Flow front, caller (unknown), 2026-06-03T10:00:00-04:00 America/New_York');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('End: hung up (sales/open)');
    const paths = await flow('paths', front, '--library', library, '--at', '2026-06-03T08:00:00Z');
    expect(paths.stdout.split('\n')[0]).toBe('Flow front, caller (unknown), 2026-06-03T04:00:00-04:00 America/New_York');
    expect(paths.stdout).toContain('End: voicemail 1000 (sales/closed)');
  });

  it('paths: --max-events, --max-visits and --limit bound the enumeration and are named when they cut', async ({ expect }) => {
    const r = await flow('paths', example('musterfirma'), '--at', '2026-06-03T10:00', '--max-events', '2', '--max-visits', '1', '--limit', '5');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('   5. ');
    expect(r.stdout).not.toContain('   6. ');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^5 paths, [0-9]+ cut off by the bounds \(--max-events 2, --max-visits 1, --limit 5\)$/);
    expect(await flow('paths', example('musterfirma'), '--limit', 'all')).toMatchObject({ code: 2, stderr: '--limit must be a whole number from 1 to 1000000, not "all"\n' });
  });

  it('every command refuses an unknown option with exit 2, naming the one meant', async ({ expect }) => {
    expect(await flow('simulate', example('musterfirma'), '--event', '2,busy')).toMatchObject({ code: 2, stdout: '', stderr: '--event: unknown option; did you mean --events?\n' });
    expect(await flow('paths', example('musterfirma'), '--max-event', '3')).toMatchObject({ code: 2, stderr: '--max-event: unknown option; did you mean --max-events?\n' });
    expect(await flow('compile', example('musterfirma'), '--flows', 'examples')).toMatchObject({ code: 2, stderr: '--flows: unknown option; did you mean --library?\n' });
    expect(await flow('validate', example('musterfirma'), '--json')).toMatchObject({ code: 2, stderr: '--json: not an option of validate, only of simulate and paths\n' });
  });

  it('an unknown command prints the usage with exit 2', async ({ expect }) => {
    expect(await flow('frobnicate')).toMatchObject({ code: 2 });
  });
});
