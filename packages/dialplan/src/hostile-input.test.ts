/**
 * "Hostile input" (docs/flow-semantics.md), checked on everything the compiler and the routing
 * renderer write: a value a caller, phone, trunk or web service controls appears as `${NAME}` only
 * as the whole value of a Set() (which Asterisk takes as it is), never inside `$[...]`, a
 * function's arguments or another application's arguments. Functions that read such a value by
 * its name (`REPLACE(NAME,…)`, `CUT(NAME,…)`, `${NAME:0:1}`) do not spell `${NAME}`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isReservedVariable, parseFlow, type Flow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { goldenSets } from './golden-fixtures.js';
import type { DialplanContext, DialplanIR } from './ir.js';
import { HTTP_VARS } from './nodes/http-request.compile.js';
import { musterfirma } from './resources/fixtures.js';
import { routingContexts } from './resources/routing.js';
import { compileOk, makeFlow } from './testing.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Every flow variable a flow names: set, collected or mapped, and referenced. */
function flowVariables(flows: Flow[]): string[] {
  const names = new Set<string>();
  for (const flow of flows) {
    const text = JSON.stringify(flow.nodes.map((n) => n.params));
    for (const [, name] of text.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)) names.add(name!);
    for (const node of flow.nodes) {
      if (node.type === 'SetVariable') names.add(node.params.name);
      if (node.type === 'CollectDigits') names.add(node.params.variable);
      if (node.type === 'HttpRequest') for (const m of node.params.responseMapping) names.add(m.variable);
      if (node.type === 'Condition' && node.params.subject !== 'callerId') names.add(node.params.subject);
    }
  }
  return [...names].filter((name) => !isReservedVariable(name) || name === 'CALLERID');
}

/** `${...}` and `$[...]` around each position of `text`: how deep, by the kinds of the open ones. */
function enclosing(text: string, at: number): string[] {
  const open: string[] = [];
  for (let i = 0; i < at; i++) {
    if (text.startsWith('${', i)) {
      const name = /^\$\{([A-Za-z_0-9]+)\(/.exec(text.slice(i));
      open.push(name ? `${name[1]}()` : '${}');
      i++;
    } else if (text.startsWith('$[', i)) {
      open.push('$[]');
      i++;
    } else if (text[i] === '}' && open.length > 0 && open.at(-1) !== '$[]') open.pop();
    else if (text[i] === ']' && open.at(-1) === '$[]') open.pop();
  }
  return open;
}

/** Where a hostile `${NAME}` appears other than as the whole top-level value of a Set(). */
function unsafeUses(ir: DialplanIR | { contexts: DialplanContext[] }, hostile: string[]): string[] {
  const found: string[] = [];
  for (const context of ir.contexts) {
    for (const extension of context.extensions) {
      // In a pattern extension the dialled number is the caller's; a literal one is the flow's own.
      const sources = extension.name.startsWith('_') ? [...hostile, 'EXTEN'] : hostile;
      for (const priority of extension.priorities) {
        const line = `${priority.app}(${priority.args.join(',')})`;
        for (const source of sources) {
          for (let at = line.indexOf(`\${${source}}`); at >= 0; at = line.indexOf(`\${${source}}`, at + 1)) {
            const inside = enclosing(line, at);
            const setValue = priority.app === 'Set' && inside.length === 0;
            // A dialled number is only used after onlyDialChars() let it through (its first priority).
            const checkedNumber = source === 'EXTEN' && extension.priorities[0]?.args[0]?.includes('REPLACE(EXTEN,0123456789*#+)');
            if (!setValue && !checkedNumber) found.push(`${context.name},${extension.name}: ${line}`);
          }
        }
      }
    }
  }
  return found;
}

const hostileOf = (flows: Flow[]) => ['CALLERID(num)', 'CALLERID(name)', HTTP_VARS.response, HTTP_VARS.field, HTTP_VARS.caller, ...flowVariables(flows)];

/** A flow with every node that takes a value, each fed with variables (and the caller ID). */
function everyValueFlow(): Flow {
  const body = '{"c":"${CALLERID}","a":"${A}","b":"x ${B} (y)"}';
  return makeFlow(
    'values',
    [
      { id: 'start', type: 'Start', params: { number: '700' } },
      { id: 'digits', type: 'CollectDigits', params: { prompt: { kind: 'sound', name: 'beep' }, variable: 'A', minDigits: 1, maxDigits: 4 } },
      { id: 'copy', type: 'SetVariable', params: { name: 'B', value: 'got ${A}' } },
      { id: 'ask', type: 'HttpRequest', params: { method: 'POST', url: 'http://127.0.0.1:9/x/${A}?c=${CALLERID}&b=${B}', body, responseMapping: [{ variable: 'C', path: 'c' }] } },
      { id: 'eq', type: 'Condition', params: { subject: 'C', operator: 'equals', value: 'vip' } },
      { id: 're', type: 'Condition', params: { subject: 'callerId', operator: 'regex', value: '[+]?[0-9]+' } },
      { id: 'again', type: 'HttpRequest', params: { url: 'http://127.0.0.1:9/y?c=${C}' } },
      { id: 'bye', type: 'Hangup' },
    ],
    [
      ['start', 'next', 'digits'],
      ['digits', 'next', 'copy'],
      ['digits', 'invalid', 'bye'],
      ['copy', 'next', 'ask'],
      ['ask', 'success', 'eq'],
      ['ask', 'failure', 'bye'],
      ['eq', 'true', 're'],
      ['eq', 'false', 're'],
      ['re', 'true', 'again'],
      ['re', 'false', 'bye'],
      ['again', 'success', 'bye'],
      ['again', 'failure', 'bye'],
    ],
  );
}

function examples(): Flow[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.flow.json'))
    .map((f) => {
      const parsed = parseFlow(readFileSync(`${EXAMPLES_DIR}${f}`, 'utf8'));
      if (!parsed.ok) throw new Error(`${f}: ${JSON.stringify(parsed.problems)}`);
      return parsed.flow;
    });
}

describe('hostile values in the compiled dialplan', () => {
  const sets: Record<string, Flow[]> = { ...goldenSets(), examples: examples(), 'every value': [everyValueFlow()] };
  it.each(Object.keys(sets))('%s: a hostile ${NAME} is only ever a Set() value', (name) => {
    const flows = sets[name]!;
    expect(unsafeUses(compileOk(flows).ir, hostileOf(flows))).toEqual([]);
  });

  it('routing: a dialled number reaches Goto() and Dial() only after its characters were checked', () => {
    expect(unsafeUses(routingContexts(musterfirma), hostileOf([]))).toEqual([]);
  });

  it('sees the forms it must refuse', () => {
    const ir = (s: string) => ({ contexts: [{ name: 'c', comments: [], extensions: [{ name: '_X.', priorities: [{ app: s.slice(0, s.indexOf('(')), args: [s.slice(s.indexOf('(') + 1, -1)] }] }] }] });
    expect(unsafeUses(ir('GotoIf($["x${CALLERID(num)}" = "x1"]?t)'), hostileOf([]))).toHaveLength(1);
    expect(unsafeUses(ir('Set(U=${URIENCODE(${A})})'), ['A'])).toHaveLength(1);
    expect(unsafeUses(ir('Dial(PJSIP/${EXTEN}@trunk,120)'), [])).toHaveLength(1);
    expect(unsafeUses(ir('UserEvent(X,v: ${A})'), ['A'])).toHaveLength(1);
    expect(unsafeUses(ir('Set(U=a ${A} b)'), ['A'])).toEqual([]);
    expect(unsafeUses(ir('Set(U=${REPLACE(A,:,!)})'), ['A'])).toEqual([]);
  });
});
