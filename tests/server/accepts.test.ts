/**
 * Whatever the API accepts, Asterisk accepts: a property test. It creates resources of every kind
 * (extensions, trunks, routes, queues, rooms, prompts, flows) through the API with random valid and
 * edge-case field values (unicode, maximum lengths, every punctuation mark, config-file syntax),
 * then publishes on the real Asterisk. Every accepted input publishes; every refused one is a 422
 * with a field path (or a 409 for a taken id), never a 500, and the reloads log no WARNING or ERROR.
 * ACCEPTS_RUNS (default 40) sets the number of runs, ACCEPTS_SEED replays a failure's seed,
 * ACCEPTS_DEBUG=1 prints every refusal (to see which fields the generators get wrong).
 * Needs a running Asterisk (asterisk/scripts/asterisk.sh start + env); with CI=true a missing one fails.
 */
import { edgeList } from '@stumpfworks/flow';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../apps/server/src/publish/config-set.js';
import { startTestServer, type TestServer } from '../../apps/server/src/testing.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { keepGeneratedFiles, logOffset, problemLines, readLogSince, reloadModule, serverAsteriskEnv, writeGeneratedFile } from '../support/local-asterisk.js';

const availability = await detectAsterisk();

/** Runs of the property: each creates up to a dozen resources and publishes once. */
const RUNS = Number(process.env.ACCEPTS_RUNS ?? 40);

const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
/** Strings that mean something to a config file, the dialplan or a shell. */
const TRAPS = [
  '',
  ' ',
  'Müller, Hans',
  'Zoë | Vertrieb',
  'Straße & Söhne',
  '山田',
  '📞 Zentrale',
  'a\nb',
  'a\r\nb',
  '\t',
  '${EXTEN}',
  '$[1+1]',
  '${SHELL(touch /tmp/swf-accepts)}',
  '#include /etc/passwd',
  '#exec touch /tmp/swf-accepts',
  ';comment',
  '[section]',
  'key = value',
  'a => b',
  '"quoted"',
  '\\',
  'x\\',
  '(paren',
  'end)',
  '<sip:1@host>',
  '0',
  '-1',
  'x'.repeat(80),
  'x'.repeat(81),
  'é'.repeat(80),
];
const CHARS = [...PUNCTUATION, 'a', 'Z', '0', '9', ' ', 'ä', 'ß', '名', '🙂', '\n'];
/** Characters of plain text: CHARS without those the flow schema refuses in values (" $ \\ { } [ ] , ; | line breaks). */
const PLAIN = CHARS.filter((c) => !/["$\\{}\[\],;|\n]/.test(c));

/**
 * Free text: mostly short strings of letters, punctuation and unicode (valid for most fields, so
 * that resources get through to the publish), sometimes a trap, sometimes the longest allowed.
 */
const text = (maxLength: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 6 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom(...TRAPS) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'ß', '名', '🙂', ' ', '-'), minLength: maxLength, maxLength }) },
  );
/** A field that is usually of its valid form, sometimes free text. */
const mostly = <T>(valid: fc.Arbitrary<T>, maxLength = 40) => fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: text(maxLength) });
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const extension = (n: number) =>
  fc.record({
    id: fc.constant(String(7000 + n)),
    name: text(80),
    callerId: optional(text(80)),
    voicemail: fc.record({ enabled: fc.boolean(), pin: optional(mostly(digits(4, 10))), email: optional(mostly(fc.constantFrom('anna@example.com', 'hans.mueller@beispiel.de', 'a+b@x.io', 'o\'brien@example.org'))) }),
    codecs: optional(fc.subarray(['ulaw', 'alaw', 'opus', 'gsm'], { minLength: 1 })),
    context: optional(mostly(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), 20)),
    webrtc: fc.boolean(),
  });

const trunk = (n: number) =>
  fc.record({
    id: fc.constant(`t${n}`),
    name: text(80),
    type: fc.constantFrom('ip', 'registration'),
    preset: optional(mostly(fc.constantFrom('telekom', 'sipgate', 'easybell', '1und1'))),
    server: fc.oneof({ weight: 4, arbitrary: fc.domain() }, { weight: 1, arbitrary: optional(text(40)) }),
    port: optional(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 65535 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 65536) })),
    transport: optional(fc.constantFrom('udp', 'tcp', 'tls')),
    username: mostly(fc.stringMatching(/^([A-Za-z0-9\-._~!$&'()*+,=]|%[0-9A-F]{2}){1,20}$/)),
    password: mostly(fc.stringMatching(/^[\x21\x24-\x3a\x3c-\x5b\x5d-\x7e]{8,30}$/)),
    callerId: optional(mostly(fc.stringMatching(/^\+?[0-9]{2,20}$/))),
  });

const pattern = mostly(fc.oneof(fc.stringMatching(/^\+?[0-9*#]{1,32}$/), fc.stringMatching(/^_[0-9XZN.!\-+*#]{1,20}$/), fc.constantFrom('_X.', '_0[1-9]X.', '_[2-5]XX')));

const room = (n: number) =>
  fc.record({ id: fc.constant(String(800 + n)), name: text(80), pin: optional(mostly(digits(3, 10))), moderatorPin: optional(mostly(digits(3, 10))), record: fc.boolean() });

const prompt = (n: number) => fc.record({ id: fc.constant(`p${n}`), name: text(80), language: fc.constantFrom('de', 'en'), text: text(300) });

/** A small flow whose free texts (name, labels, prompts, values) are random. */
const flow = (n: number, target: string) =>
  fc
    .record({
      name: text(80),
      description: optional(text(300)),
      labels: fc.array(optional(text(80)), { minLength: 5, maxLength: 5 }),
      say: fc.record({ de: optional(text(200)), en: optional(text(200)) }),
      value: mostly(fc.string({ unit: fc.constantFrom(...PLAIN), maxLength: 20 })),
      equals: mostly(fc.string({ unit: fc.constantFrom(...PLAIN), maxLength: 20 })),
      regex: mostly(fc.constantFrom('1[0-9]*', '0?[1-9]+', '(12|34)+'), 30),
    })
    .map((f) => ({
      schemaVersion: 1,
      id: `accepts-${n}`,
      name: f.name,
      ...(f.description !== undefined ? { description: f.description } : {}),
      nodes: [
        { id: 'start', type: 'Start', label: f.labels[0], params: { number: String(600 + n) } },
        { id: 'hello', type: 'Play', label: f.labels[1], params: { prompt: { kind: 'tts', text: { ...(f.say.de ? { de: f.say.de } : {}), ...(f.say.en ? { en: f.say.en } : {}) } } } },
        { id: 'mark', type: 'SetVariable', label: f.labels[2], params: { name: 'NOTE', value: f.value } },
        { id: 'vip', type: 'Condition', label: f.labels[3], params: { subject: 'callerId', operator: 'equals', value: f.equals } },
        { id: 'pattern', type: 'Condition', params: { subject: 'NOTE', operator: 'regex', value: f.regex } },
        { id: 'team', type: 'Dial', label: f.labels[4], params: { targets: [target], strategy: 'simultaneous', ringSeconds: 15 } },
        { id: 'bye', type: 'Hangup', params: {} },
      ].map((node) => (node.label === undefined ? (({ label: _, ...rest }) => rest)(node) : node)),
      edges: edgeList(['start.next->hello', 'hello.next->mark', 'mark.next->vip', 'vip.true->team', 'vip.false->pattern', 'pattern.true->team', 'pattern.false->bye', 'team.answered->bye', 'team.noAnswer->bye']),
    }));

/** Time zones: every one ICU knows (Asterisk reads its own zone files), and some that are not. */
const timeZone = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Intl.supportedValuesOf('timeZone')) },
  { weight: 1, arbitrary: fc.constantFrom('UTC', 'Etc/GMT+5', 'Europe/Kyiv', 'Asia/Calcutta', 'US/Pacific', '+01:00', 'GMT', 'Nowhere/City') },
);

/** The mailbox every office flow uses (created before the runs). */
const OFFICE_MAILBOX = '6999';
/** `YYYY-MM-DD` plus `days`; a date that is no date stays as it is (the API refuses it). */
const addDays = (date: string, days: number) => {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? date : new Date(t + days * 86_400_000).toISOString().slice(0, 10);
};
const isoDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** A second flow: opening hours, a menu, a webhook with the caller's number, voicemail and a transfer. */
const officeFlow = (n: number, mailbox: string) =>
  fc
    .record({
      name: text(80),
      timezone: timeZone,
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      // 22:00 before a `to` of 13:00 or 18:00 is a window across midnight.
      from: fc.constantFrom('00:00', '07:30', '08:00', '12:59', '22:00'),
      to: fc.constantFrom('13:00', '18:00', '23:59', '24:00'),
      closedDates: fc.array(mostly(isoDate, 12), { maxLength: 3 }),
      holidays: fc.constantFrom(null, 'BY', 'BE', 'NW', 'SN'),
      // Valid dates, a range's last a few days after its first: the office flow is refused often
      // enough for its other fields (the unit tests hold the special dates' own refusals).
      specialDates: fc.array(
        fc.record({
          date: isoDate,
          days: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
          open: fc.array(fc.record({ from: fc.constantFrom('00:00', '08:00', '13:30'), to: fc.constantFrom('12:00', '13:00', '24:00') }), { maxLength: 2 }),
        }),
        { maxLength: 2 },
      ),
      menu: text(200),
      directDial: fc.boolean(),
      path: mostly(fc.stringMatching(/^[A-Za-z0-9\-._~!&*+=:@/?%]{0,30}$/)),
      field: mostly(fc.string({ unit: fc.constantFrom(...PLAIN), maxLength: 12 })),
      number: mostly(fc.stringMatching(/^\+?[0-9]{1,20}$/)),
    })
    .map((f) => ({
      schemaVersion: 1,
      id: `office-${n}`,
      name: f.name,
      nodes: [
        { id: 'start', type: 'Start', params: { number: String(650 + n) } },
        { id: 'hours', type: 'TimeCondition', params: { timezone: f.timezone, weekly: [{ days: f.days, from: f.from, to: f.to }], closedDates: f.closedDates, holidays: f.holidays, specialDates: f.specialDates.map(({ days, ...d }) => (days === undefined ? d : { ...d, until: addDays(d.date, days) })) } },
        { id: 'menu', type: 'Menu', params: { prompt: { kind: 'tts', text: { de: f.menu } }, directDial: f.directDial ? [mailbox] : [] } },
        {
          id: 'lookup',
          type: 'HttpRequest',
          params: { method: 'POST', url: `http://127.0.0.1:9/${f.path}?c=\${CALLERID}`, body: JSON.stringify({ caller: '${CALLERID}', note: f.field }), timeoutSeconds: 2, responseMapping: [{ variable: 'TIER', path: 'tier' }] },
        },
        { id: 'transfer', type: 'TransferExternal', params: { number: f.number } },
        { id: 'vm', type: 'Voicemail', params: { mailbox } },
        { id: 'bye', type: 'Hangup', params: {} },
      ],
      edges: edgeList([
        'start.next->hours',
        'hours.open->menu',
        'hours.closed->vm',
        'menu.1->lookup',
        'menu.timeout->bye',
        'menu.invalid->bye',
        ...(f.directDial ? ['menu.direct->bye'] : []),
        'lookup.success->vm',
        'lookup.failure->transfer',
      ]),
    }));

/**
 * Log lines that are about the test machine, not the input: it resolves no host names, so a trunk
 * whose server is a name (a preset's, or a random one) cannot be identified by address here.
 */
const ENVIRONMENT = [/getaddrinfo\(/, /failed when adding resolution results/, /Could not create an object of type 'identify'/, /No response received from .* on registration attempt/];

describeWithAsterisk(availability, 'whatever the API accepts, Asterisk accepts (property test, real Asterisk)', (asterisk) => {
  let t: TestServer;
  let restoreFiles: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    restoreFiles = keepGeneratedFiles(asterisk, GENERATED_FILES);
    for (const [name, module] of Object.entries(GENERATED_FILES)) {
      writeGeneratedFile(asterisk, name, '; emptied by tests/server/accepts.test.ts\n');
      await reloadModule(asterisk, module);
    }
    t = await startTestServer(serverAsteriskEnv());
    // The office flows' mailbox: one that always exists, so whether an office flow is accepted
    // depends on its own generated fields, not on whether that run's random extension was valid.
    await t.ok('/extensions', { method: 'POST', json: { id: OFFICE_MAILBOX, name: 'Zentrale', voicemail: { enabled: true, pin: '4711' } } });
  });

  afterAll(async () => {
    await t?.stop();
    await restoreFiles?.();
  });

  /** Creates through the API; the answer must be a success, a 422 with field paths, or a 409. */
  async function create(path: string, body: unknown, created: string[]): Promise<boolean> {
    const response = await t.api(path, { method: 'POST', json: body });
    const text = await response.text();
    const where = `POST ${path} ${JSON.stringify(body)} -> ${response.status} ${text}`;
    if (response.status === 201 || response.status === 200) {
      const id = (body as { id: string }).id;
      created.push(`${path.replace(/\/tts$/, '')}/${encodeURIComponent(id)}`);
      return true;
    }
    expect([409, 422], where).toContain(response.status);
    if (process.env.ACCEPTS_DEBUG) console.log(`[accepts] refused ${path} ${response.status} ${text.slice(0, 500)}`);
    if (response.status === 422) {
      const { error } = JSON.parse(text) as { error: { issues?: Array<{ path: string }>; diagnostics?: unknown[] } };
      // A flow's problems are diagnostics with node ids; every other refusal names its fields.
      const named = (error.issues ?? []).length > 0 && error.issues!.every((i) => i.path.length > 0);
      expect(named || (error.diagnostics ?? []).length > 0, where).toBe(true);
    }
    return false;
  }

  it('publishes every accepted input and refuses the rest with field paths', { timeout: Math.max(60_000, RUNS * 3000) }, async () => {
    let run = 0;
    const accepted: Record<string, number> = {};
    const count = (kind: string, ok: boolean) => void (ok && (accepted[kind] = (accepted[kind] ?? 0) + 1));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1 }).chain(() => {
          const n = run++;
          return fc.record({
            extensions: fc.tuple(extension(n * 2), extension(n * 2 + 1)),
            trunk: trunk(n),
            room: room(n),
            prompt: prompt(n),
            queueName: text(80),
            routeName: text(80),
            patterns: fc.array(pattern, { minLength: 1, maxLength: 3 }),
            did: pattern,
            prepend: optional(mostly(fc.stringMatching(/^\+?[0-9]{0,16}$/))),
            flow: flow(n, String(7000 + n * 2)),
            office: officeFlow(n, OFFICE_MAILBOX),
            n: fc.constant(n),
          });
        }),
        async (input) => {
          const created: string[] = [];
          try {
            const extensions = [];
            for (const e of input.extensions) if (await create('/extensions', e, created)) extensions.push(e.id);
            count('extension', extensions.length > 0);
            const trunkOk = await create('/trunks', input.trunk, created);
            count('trunk', trunkOk);
            count('conference', await create('/conferences', input.room, created));
            count('prompt', await create('/prompts/tts', input.prompt, created));
            count('queue', await create('/queues', { id: `q${input.n}`, name: input.queueName, members: extensions }, created));
            if (trunkOk) {
              const route = { id: `out-${input.n}`, name: input.routeName, patterns: input.patterns, trunks: [input.trunk.id], ...(input.prepend !== undefined ? { prepend: input.prepend } : {}) };
              count('outbound-route', await create('/routes/outbound', route, created));
            }
            for (const flow of [input.flow, input.office]) {
              if (!(await create('/flows', flow, created))) continue;
              const version = await t.api(`/flows/${flow.id}/versions`, { method: 'POST' });
              const body = await version.text();
              // The flow was saved; whether it can be released is the validator's word (422 with diagnostics).
              expect([201, 422], `release ${flow.id}: ${body}`).toContain(version.status);
              if (version.status !== 201) {
                if (process.env.ACCEPTS_DEBUG) console.log(`[accepts] release refused ${flow.id} ${body.slice(0, 400)}`);
                continue;
              }
              count(flow === input.flow ? 'flow' : 'office flow', true);
              if (flow === input.flow) count('inbound-route', await create('/routes/inbound', { id: `in-${input.n}`, did: input.did, target: { type: 'flow', id: flow.id } }, created));
            }
            const log = asterisk.messagesLog!;
            const offset = logOffset(log);
            const published = await t.api('/publish', { method: 'POST' });
            const answer = await published.text();
            expect(published.status, `publish after ${JSON.stringify(input)}: ${answer}`).toBe(200);
            expect(['applied', 'unchanged']).toContain((JSON.parse(answer) as { outcome: string }).outcome);
            // Accepted means without complaint: no WARNING or ERROR from the reloads.
            const complaints = problemLines(readLogSince(log, offset)).filter((line) => !ENVIRONMENT.some((re) => re.test(line)));
            expect(complaints, `Asterisk's log after publishing ${JSON.stringify(input)}`).toEqual([]);
          } finally {
            // Each run starts from the last good state: what it made goes again (the next publish removes it).
            for (const path of created.reverse()) await t.ok(path, { method: 'DELETE' });
          }
        },
      ),
      { numRuns: RUNS, endOnFailure: true, ...(process.env.ACCEPTS_SEED ? { seed: Number(process.env.ACCEPTS_SEED) } : {}) },
    );
    console.log(`[accepts] ${run} runs; accepted: ${JSON.stringify(accepted)}`);
    // The generators must reach the publish with every kind, or the property says little.
    for (const kind of ['extension', 'trunk', 'conference', 'prompt', 'queue', 'outbound-route', 'flow', 'office flow', 'inbound-route']) {
      expect(accepted[kind] ?? 0, `accepted ${kind}s: ${JSON.stringify(accepted)}`).toBeGreaterThan(0);
    }
  });
});
