import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCatalogue, parseFlow, type Flow, type FlowNode } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { flowLibrary } from '../library.js';
import { enumeratePaths } from '../paths/enumerate.js';
import { parseScript, scriptToken } from '../simulator/script.js';
import { tokenEvent } from '../simulator/simulate.js';
import type { CallEvent } from '../types.js';
import { waitsOf } from '../waits.js';
import { nodeStepFor } from './index.js';

const examples = join(import.meta.dirname, '..', '..', '..', '..', 'examples');
const flows: Flow[] = readdirSync(examples)
  .filter((f) => f.endsWith('.flow.json'))
  .map((f) => {
    const result = parseFlow(readFileSync(join(examples, f), 'utf8'));
    if (!result.ok) throw new Error(`${f}: ${JSON.stringify(result.problems)}`);
    return result.flow;
  });

describe('node step handlers', () => {
  it('resume exactly the node types that declare waits', () => {
    for (const { type } of nodeCatalogue) {
      const handler = nodeStepFor({ type } as FlowNode);
      expect(handler.resume !== undefined, type).toBe((handler.waits ?? []).length > 0);
    }
  });

  it('wait only as they declare, on every path of every example', () => {
    const library = flowLibrary(flows);
    let waits = 0;
    for (const flow of flows) {
      for (const { transcript } of enumeratePaths(library, flow.id, { at: new Date('2026-06-03T10:00:00+02:00'), callerId: '0301234567', maxPaths: 500 }).paths) {
        let at: { flowId: string; nodeId: string } | undefined;
        for (const effect of transcript.effects) {
          if (effect.type === 'visit') at = effect;
          const wait = { play: 'prompt', readInput: 'input', dial: 'dial', transfer: 'dial', queue: 'queue', voicemail: 'app', conference: 'app', httpRequest: 'http' }[effect.type as string];
          if (!wait || !at) continue;
          const node = library.get(at.flowId)!.nodes.find((n) => n.id === at!.nodeId)!;
          expect(nodeStepFor(node).waits, `${node.type} ${effect.type}`).toContain(wait);
          waits++;
        }
      }
    }
    expect(waits).toBeGreaterThan(100);
  });
});

describe('waitsOf', () => {
  it('gives the waits a flow can enter, for the simulator controls', () => {
    const byId = (id: string) => flows.find((f) => f.id === id)!;
    expect([...waitsOf(byId('customer-lookup'))]).toContain('http');
    expect([...waitsOf(byId('musterfirma'))].sort()).toEqual(['app', 'dial', 'input', 'prompt']);
  });
});

describe('script tokens of events', () => {
  it('read back to the same event', () => {
    const events: Array<[CallEvent, Parameters<typeof tokenEvent>[1]]> = [
      [{ type: 'digits', digits: '4711#' }, 'input'],
      [{ type: 'timeout' }, 'input'],
      [{ type: 'dialResult', result: 'noanswer' }, 'dial'],
      [{ type: 'queueResult', result: 'overflow' }, 'queue'],
      [{ type: 'httpResult', result: { kind: 'response', status: 200, body: '{"a":{"b":"1,2"}}' } }, 'http'],
      [{ type: 'httpResult', result: { kind: 'response', status: 500, body: '' } }, 'http'],
      [{ type: 'httpResult', result: { kind: 'timeout' } }, 'http'],
      [{ type: 'httpResult', result: { kind: 'failure' } }, 'http'],
      [{ type: 'hangup' }, 'dial'],
    ];
    for (const [event, wait] of events) {
      const [token] = parseScript(scriptToken(event));
      expect(tokenEvent(token!, wait), scriptToken(event)).toEqual(event);
    }
    expect(() => scriptToken({ type: 'done' })).toThrow('not a script token');
  });
});
