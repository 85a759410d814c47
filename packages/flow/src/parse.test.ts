import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flowSchema } from './flow.schema.js';
import { parseFlow } from './parse.js';

const minimal = {
  schemaVersion: 1,
  id: 'f',
  name: 'F',
  nodes: [
    { id: 'start', type: 'Start', params: { number: '100' } },
    { id: 'bye', type: 'Hangup', params: {} },
  ],
  edges: [{ from: 'start', output: 'next', to: 'bye' }],
};

describe('parseFlow', () => {
  it('accepts a minimal flow and fills in defaults', () => {
    const result = parseFlow(JSON.stringify(minimal));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.flow.nodes[0]!.params).toEqual({ number: '100', language: 'de' });
  });

  it('names the place of malformed JSON', () => {
    const result = parseFlow('{"schemaVersion": 1,,}');
    expect(result).toMatchObject({ ok: false, problems: [{ path: '(document)' }] });
    if (!result.ok) {
      expect(result.problems[0]!.message.en).toMatch(/^not valid JSON: .*position 20/);
      expect(result.problems[0]!.message.de).toMatch(/^Kein gültiges JSON: .*position 20/);
    }
  });

  it('refuses a flow from a newer schemaVersion with a clear message', () => {
    const result = parseFlow({ ...minimal, schemaVersion: 7 });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: 'schemaVersion',
          message: {
            de: 'Der Ablauf wurde von einer neueren Version gespeichert (schemaVersion 7); diese Version liest bis 1. Aktualisieren Sie StumpfWorks VoIP, um ihn zu öffnen.',
            en: 'the flow was saved by a newer version (schemaVersion 7); this version reads up to 1. Update StumpfWorks VoIP to open it.',
          },
        },
      ],
    });
  });

  it('names an unknown node type and lists the known ones', () => {
    const result = parseFlow({ ...minimal, nodes: [...minimal.nodes, { id: 'x', type: 'Teleport', params: {} }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]!.path).toBe('nodes[2] "x".type');
      expect(result.problems[0]!.message.en).toMatch(/^unknown node type "Teleport"; known types: Start, Play, Menu/);
      expect(result.problems[0]!.message.de).toMatch(/^Unbekannter Bausteintyp "Teleport"; bekannte Typen: Start, Play, Menu/);
    }
  });

  it('points at the node and param of a schema violation', () => {
    const bad = {
      ...minimal,
      nodes: [
        minimal.nodes[0],
        {
          id: 'menu',
          type: 'Menu',
          params: { prompt: { kind: 'sound', name: 'beep' }, timeoutSeconds: 99 },
        },
      ],
    };
    const result = parseFlow(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.path)).toEqual(['nodes[1] "menu".params.timeoutSeconds']);
      expect(result.problems[0]!.message).toEqual({ de: 'Zu groß: erwartet, dass number <=30 ist', en: 'Too big: expected number to be <=30' });
    }
  });

  it('refuses duplicate node ids', () => {
    const result = parseFlow({ ...minimal, nodes: [...minimal.nodes, { id: 'bye', type: 'Hangup', params: {} }] });
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'nodes[2].id', message: { de: 'Die Kennung "bye" ist schon an einen anderen Baustein vergeben', en: 'node id "bye" is used twice' } },
      ],
    });
  });

  it('refuses values that would break out into the dialplan', () => {
    const result = parseFlow({
      ...minimal,
      nodes: [
        ...minimal.nodes,
        { id: 'c', type: 'Condition', params: { subject: 'X', operator: 'equals', value: 'a,b)' } },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('nodes[2] "c".params.value');
  });

  it('refuses a document that is not an object', () => {
    expect(parseFlow('[1,2]')).toEqual({
      ok: false,
      problems: [{ path: '(document)', message: { de: 'Ein Ablauf muss ein JSON-Objekt sein', en: 'a flow must be a JSON object' } }],
    });
  });

  it('refuses a schemaVersion that is not a whole number, in both languages', () => {
    expect(parseFlow({ ...minimal, schemaVersion: '1' })).toEqual({
      ok: false,
      problems: [
        { path: 'schemaVersion', message: { de: 'Muss eine ganze Zahl sein; diese Version schreibt 1', en: 'must be a whole number; this version writes 1' } },
      ],
    });
  });
});

describe('reserved variable names', () => {
  const withNode = (node: object) => ({ ...minimal, nodes: [...minimal.nodes, node] });
  it('refuses a variable that Asterisk uses itself', () => {
    const result = parseFlow(withNode({ id: 'v', type: 'SetVariable', params: { name: 'DIALSTATUS', value: 'x' } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: 'nodes[2] "v".params.name' });
  });
  it('refuses a reference to an internal name in a value', () => {
    const result = parseFlow(withNode({ id: 'v', type: 'SetVariable', params: { name: 'A', value: '${SWF_NOW}' } }));
    expect(result.ok).toBe(false);
  });
  it('lets a condition read the direct-dial extension', () => {
    const node = { id: 'c', type: 'Condition', params: { subject: 'DIRECT_EXTENSION', operator: 'equals', value: '1000' } };
    expect(parseFlow(withNode(node)).ok).toBe(true);
  });
});

describe('parse problems in German and English', () => {
  const withNodes = (...nodes: object[]) => ({ ...minimal, nodes: [...minimal.nodes, ...nodes] });
  const problems = (doc: unknown) => {
    const result = parseFlow(doc);
    if (result.ok) throw new Error('expected the document to be refused');
    return result.problems;
  };

  it('gives a custom message of a node type in German', () => {
    expect(problems(withNodes({ id: 'c', type: 'Conference', params: { room: '8000', pin: 'ab' } }))).toEqual([
      { path: 'nodes[2] "c".params.pin', message: { de: 'Eine PIN hat 3 bis 12 Ziffern', en: 'a PIN has 3-12 digits' } },
    ]);
    expect(problems(withNodes({ id: 't', type: 'TimeCondition', params: { weekly: [{ days: [1], from: '18:00', to: '18:00' }] } }))).toEqual([
      {
        path: 'nodes[2] "t".params.weekly[0].to',
        message: {
          de: '„von“ und „bis“ sind gleich: Für ganze Tage schreiben Sie 00:00 bis 24:00; ein „bis“ vor „von“ reicht über Mitternacht in den nächsten Tag (22:00 bis 06:00)',
          en: '"from" and "to" are equal: for whole days write 00:00 to 24:00; a "to" before "from" runs across midnight into the next day (22:00 to 06:00)',
        },
      },
    ]);
  });

  it("gives zod's own messages in German, with what was received", () => {
    expect(problems({ ...minimal, name: 5 })).toEqual([
      { path: 'name', message: { de: 'Ungültige Eingabe: erwartet string, erhalten Zahl', en: 'Invalid input: expected string, received number' } },
    ]);
  });

  it('names a missing field and the fix: the node type\'s seed, or the kind of value', () => {
    expect(problems(withNodes({ id: 'm', type: 'Menu' }))).toEqual([
      {
        path: 'nodes[2] "m".params',
        message: {
          de: '„params“ fehlt: Ein Baustein vom Typ Menu braucht seine Einstellungen; ergänzen Sie zum Beispiel "params": {"prompt":{"kind":"tts","text":{"de":"Bitte wählen Sie.","en":"Please choose."}}}',
          en: '"params" is missing: a Menu node needs its settings; add for example "params": {"prompt":{"kind":"tts","text":{"de":"Bitte wählen Sie.","en":"Please choose."}}}',
        },
      },
    ]);
    expect(problems(withNodes({ id: 'bye2', type: 'Hangup' }))[0]!.message.en).toBe('"params" is missing: a Hangup node needs its settings; add for example "params": {}');
    expect(problems(withNodes({ id: 'q', type: 'Queue', params: {} }))[0]).toEqual({
      path: 'nodes[2] "q".params.queue',
      message: { de: '„queue“ fehlt; ergänzen Sie zum Beispiel "queue": "support"', en: '"queue" is missing; add for example "queue": "support"' },
    });
    expect(problems(withNodes({ id: 'p', type: 'Play', params: { prompt: { kind: 'tts' } } }))[0]).toEqual({
      path: 'nodes[2] "p".params.prompt.text',
      message: { de: '„text“ fehlt; ergänzen Sie "text" (ein Objekt { … })', en: '"text" is missing; add "text" (an object { … })' },
    });
    const { edges: _edges, ...withoutEdges } = minimal;
    expect(problems(withoutEdges)).toEqual([
      { path: 'edges', message: { de: '„edges“ fehlt; ergänzen Sie zum Beispiel "edges": []', en: '"edges" is missing; add for example "edges": []' } },
    ]);
    expect(problems({ ...minimal, edges: [{ from: 'start', to: 'bye' }] })[0]!.message.en).toBe('"output" is missing; add for example "output": "next"');
  });

  it('names the choices of an unknown prompt kind in German too', () => {
    expect(problems(withNodes({ id: 'p', type: 'Play', params: { prompt: { kind: 'video' } } }))).toEqual([
      {
        path: 'nodes[2] "p".params.prompt.kind',
        message: { de: "Ungültiger Wert: erwartet 'sound' | 'upload' | 'tts'", en: "Invalid discriminator value. Expected 'sound' | 'upload' | 'tts'" },
      },
    ]);
  });

  it('does not follow a language set globally with z.config', () => {
    z.config(z.locales.de());
    try {
      expect(problems({ ...minimal, name: 5 })[0]!.message.en).toBe('Invalid input: expected string, received number');
    } finally {
      z.config(z.locales.en());
    }
  });

  // One parse gives both texts: zod's German messages are made from the finished English issues.
  // They must be what a parse in German gives, issue by issue.
  it("makes zod's German messages as a parse in German would", () => {
    const bad = withNodes(
      { id: 'menu', type: 'Menu', params: { prompt: { kind: 'sound', name: 'beep' }, timeoutSeconds: 99, maxAttempts: 'x' } },
      { id: 'c', type: 'Conference', params: { room: '8000', pin: 'ab', maxAttempts: 0 } },
      { id: 'q', type: 'Queue', params: {} },
      { id: 't', type: 'TimeCondition', params: { weekly: [{ days: [], from: '8', to: '08:00' }], holidays: 'XX' } },
      { id: 'h', type: 'HttpRequest', params: { method: 'PUT', url: 'ftp://x', responseMapping: 'none' } },
      { id: 's', type: 'SetVariable', params: { name: 'EXTEN', value: 'a;b', extra: true } },
    );
    const ours = problems({ ...bad, name: '', edges: {} });
    const german = flowSchema.safeParse({ ...bad, name: '', edges: {} }, { error: z.locales.de().localeError });
    expect(german.success).toBe(false);
    const germanIssues = german.error!.issues;
    expect(ours).toHaveLength(germanIssues.length);
    expect(ours.length).toBeGreaterThan(10);
    ours.forEach((problem, i) => {
      const issue = germanIssues[i]!;
      // A custom message stays as the schema wrote it in a parse in German, English in both.
      if (issue.message === problem.message.en && problem.message.de !== problem.message.en) return;
      // A missing field has parseFlow's own text (missing-field.ts), in both languages.
      if (issue.code === 'invalid_type' && issue.message.endsWith('erhalten undefined')) {
        expect(problem.message.de).toMatch(/^„[a-zA-Z]+“ fehlt/);
        return;
      }
      expect(problem.message.de).toBe(issue.message);
    });
    expect(ours.filter((p) => p.message.de === p.message.en)).toEqual([]);
  });
});

describe('every custom message of the node types', () => {
  const sound = { kind: 'sound', name: 'beep' };
  const http = (params: object) => ({ type: 'HttpRequest', params: { url: 'https://crm.example/x', ...params } });
  // Each node breaks one rule; the English text shows it is the intended one.
  it.each([
    [{ type: 'Hangup', id: 'Bad Id', params: {} }, 'use 1-32 lower-case letters'],
    [{ type: 'SetVariable', params: { name: 'lower', value: 'x' } }, 'use upper-case letters'],
    [{ type: 'SetVariable', params: { name: 'EXTEN', value: 'x' } }, 'this name is reserved'],
    [{ type: 'SetVariable', params: { name: 'A', value: 'a;b' } }, 'plain text and ${NAME} references only'],
    [{ type: 'SetVariable', params: { name: 'A', value: '${SWF_X}' } }, 'a reference to a reserved name (SWF_*, EXTEN, UNIQUEID'],
    [{ type: 'TransferExternal', params: { number: '0800-1' } }, 'digits only'],
    [{ type: 'Conference', params: { room: 'x' } }, 'an extension has 2-8 digits'],
    [{ type: 'Conference', params: { room: '8000', pin: '12' } }, 'a PIN has 3-12 digits'],
    [{ type: 'Condition', params: { subject: 'A', operator: 'equals', value: 'a,b' } }, 'must not contain'],
    [{ type: 'Condition', params: { subject: 'A', operator: 'equals', value: 'a\ud800' } }, 'contains an invalid Unicode character'],
    [{ type: 'Condition', params: { subject: 'A', operator: 'regex', value: 'a**' } }, 'character 3: a quantifier cannot follow another one'],
    [{ type: 'Condition', params: { subject: 'A', operator: 'regex', value: '(a' } }, 'character 1: "(" is never closed'],
    [{ type: 'Condition', params: { subject: 'A', operator: 'regex', value: '[]a]' } }, 'character 2: a "]" right after "[" or "[^"'],
    [{ type: 'Play', params: { prompt: { kind: 'sound', name: '../x' } } }, 'a sound name like'],
    [{ type: 'Play', params: { prompt: { kind: 'tts', text: {} } } }, 'give the text in German, English or both'],
    [{ type: 'CollectDigits', params: { prompt: sound, variable: 'A', minDigits: 5, maxDigits: 2 } }, 'minDigits must not exceed maxDigits'],
    [{ type: 'CollectDigits', params: { prompt: sound, variable: 'A', pattern: '\\w+' } }, 'character 1:'],
    [http({ url: 'ftp://x' }), 'use http:// or https://'],
    [http({ url: 'https://crm.example/${SWF_X}' }), 'a reference to a reserved name (SWF_*, EXTEN, DIALSTATUS'],
    [http({ method: 'POST', body: '{"a":";"}' }), 'one line of JSON'],
    [http({ method: 'POST', body: '{"a":}' }), 'the body must be JSON'],
    [http({ method: 'POST', body: '{"n":${N}}' }), 'each ${NAME} reference must sit inside a JSON string'],
    [http({ method: 'POST', body: '{"a":":)"}' }), 'braces { } and parentheses ( ) must pair up'],
    [http({ method: 'POST' }), 'a POST request needs a body'],
    [http({ responseMapping: [{ variable: 'A', path: 'a..b' }] }), 'keys separated by dots'],
    [http({ responseMapping: [{ variable: 'A', path: 'a' }, { variable: 'A', path: 'b' }] }), 'each variable may be set by one field only'],
    [{ type: 'TimeCondition', params: { weekly: [{ days: [1], from: '07:5', to: '18:00' }] } }, 'a time like 08:00'],
    [{ type: 'TimeCondition', params: { weekly: [{ days: [1], from: '18:00', to: '18:00' }] } }, '"from" and "to" are equal'],
    [{ type: 'TimeCondition', params: { weekly: [{ days: [1], from: '24:00', to: '02:00' }] } }, '"from" cannot be 24:00'],
    [{ type: 'TimeCondition', params: { specialDates: [{ date: '2026-12-31', open: [{ from: '22:00', to: '02:00' }] }] } }, '"from" must be before "to": special hours'],
    [{ type: 'TimeCondition', params: { specialDates: [{ date: '2026-02-30' }] } }, 'this date does not exist'],
    [{ type: 'TimeCondition', params: { specialDates: [{ date: '2026-08-21', until: '2026-08-10' }] } }, '"until" cannot be before the date'],
    [{ type: 'TimeCondition', params: { timezone: 'Mars/Olympus' } }, 'not a known time zone'],
    [{ type: 'TimeCondition', params: { closedDates: ['24.12.2026'] } }, 'a date like 2026-12-24'],
  ])('%j gives "%s" in German too', (node, english) => {
    const result = parseFlow({ ...minimal, nodes: [...minimal.nodes, { id: 'n', ...node }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    const { de, en } = result.problems[0]!.message;
    expect(en.startsWith(english)).toBe(true);
    expect(de).not.toBe(en);
    expect(de).toMatch(/^[A-ZÄÖÜ„]/);
  });
});
