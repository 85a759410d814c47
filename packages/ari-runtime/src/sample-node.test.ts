/**
 * The proof of docs/adding-a-node.md: a node type that is not built in, made of its three layer
 * files (flow description, engine step, dialplan compiler) and their registration, runs through
 * validation, the simulator, path enumeration, the dialplan compiler and the ARI runtime, none
 * of which was changed for it. (The editor's side: apps/web/src/editor/sample-node.test.ts.)
 */
import { compileFlows, registerNodeCompiler, resolveOptions } from '@stumpfworks/dialplan';
import { enumeratePaths, flowLibrary, registerNodeStep, simulate } from '@stumpfworks/engine';
import { parseFlow, registerNodeType, validateFlow, type Flow } from '@stumpfworks/flow';
import { beforeAll, describe, expect, it } from 'vitest';
import { confirmCompiler } from '../../dialplan/src/sample-node/confirm.compile.js';
import { confirmStep } from '../../engine/src/sample-node/confirm.step.js';
import { confirmNode } from '../../flow/src/sample-node/confirm.node.js';
import { MemoryLogger } from './logger.js';
import { StasisApp } from './runtime/stasis-app.js';
import { MemoryVisitSink } from './runtime/visit-sink.js';
import { FakeAri, fakeChannel } from './testing/fake-ari.js';

beforeAll(() => {
  // The registration: one call per layer (a built-in type is one line in each layer's list instead).
  registerNodeType(confirmNode);
  registerNodeStep('Confirm', confirmStep);
  registerNodeCompiler('Confirm', confirmCompiler);
});

function sampleFlow(edges = ['ask.yes->done', 'ask.no->vm']): Flow {
  const result = parseFlow({
    schemaVersion: 1,
    id: 'sample',
    name: 'Sample',
    nodes: [
      { id: 'start', type: 'Start', params: { number: '700' } },
      { id: 'ask', type: 'Confirm', params: { prompt: { kind: 'upload', id: 'confirm' } } },
      { id: 'done', type: 'Hangup', params: {} },
      { id: 'vm', type: 'Voicemail', params: { mailbox: '1000' } },
    ],
    edges: ['start.next->ask', ...edges].map((e) => {
      const [, from, output, to] = /^(.+)\.(.+)->(.+)$/.exec(e)!;
      return { from, output, to };
    }),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

const options = { at: new Date('2026-06-03T10:00:00+02:00'), callerId: '0301234' };

describe('a node type added by its own files only', () => {
  it('is validated from its description: its params, outputs, own diagnostics and references', () => {
    expect(validateFlow(sampleFlow())).toEqual([]);
    expect(validateFlow(sampleFlow(['ask.yes->done'])).map((d) => d.code)).toEqual(['confirm-no-refusal', 'unreachable-node']);
    expect(validateFlow(sampleFlow(), { prompts: ['other'] }).map((d) => `${d.code} ${d.message.en}`)).toEqual(['unknown-prompt Prompt "confirm" does not exist.']);
    expect(parseFlow({ ...sampleFlow(), nodes: [{ id: 'ask', type: 'Confirm', params: { prompt: { kind: 'sound', name: 'beep' }, key: '5' } }] }).ok).toBe(false);
  });

  it('runs in the simulator, and path enumeration tries its choices', () => {
    const flows = flowLibrary([sampleFlow()]);
    const yes = simulate(flows, 'sample', ['1'], options);
    expect(yes.visits.map((v) => `${v.nodeId}${v.digits ? `<${v.digits}>` : ''}`)).toEqual(['start', 'ask', 'done<1>']);
    expect(yes.lines.map((l) => l.text.en)).toContain('Menu: "[upload confirm]"');
    expect(simulate(flows, 'sample', ['timeout'], options).outcome).toMatchObject({ kind: 'voicemail', nodeId: 'vm' });
    const { paths } = enumeratePaths(flows, 'sample', options);
    expect(paths.map((p) => `${p.events.join(',')} -> ${p.transcript.outcome?.kind}`)).toEqual(['1 -> hangup', '2 -> voicemail', 'timeout -> voicemail']);
  });

  it('compiles to the dialplan', () => {
    const result = compileFlows([sampleFlow()]);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const context = result.text.slice(result.text.indexOf('; node ask (Confirm)'), result.text.indexOf('; node done'));
    expect(context).toMatchInlineSnapshot(`
      "; node ask (Confirm)
      [swf-sample-ask]
      exten => s,1,UserEvent(SWFlowNode,flow: sample,node: ask)
       same => n,CELGenUserEvent(SWFlowNode,sample//ask)
       same => n,Background(stumpfworks/prompts/confirm)
       same => n,WaitExten(5)
      exten => 1,1,Goto(swf-sample-done,s,1)
      exten => i,1,Goto(swf-sample-vm,s,1)
      exten => t,1,Goto(swf-sample-vm,s,1)

      "
    `);
  });

  it('runs in the ARI runtime, which reads only the effects', async () => {
    const ari = new FakeAri('stumpfworks');
    const sink = new MemoryVisitSink();
    const app = new StasisApp({ adapter: ari, flows: [{ ...sampleFlow(), deployment: 'ari' }], sink, logger: new MemoryLogger(), dialing: resolveOptions(), sweepDelayMs: 0 });
    const flush = async () => {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    ari.emit({ type: 'StasisStart', channel: fakeChannel('c1'), args: ['sample'] });
    await flush();
    expect(ari.calls('play').at(-1)!.args[0]).toBe('sound:stumpfworks/prompts/confirm');
    ari.emit({ type: 'ChannelDtmfReceived', channel: fakeChannel('c1'), digit: '1' });
    await flush();
    expect(sink.pathOf('c1')).toEqual(['sample/start', 'sample/ask', 'sample/done']);
    expect(app.outcomes.get('c1')).toMatchObject({ kind: 'hangup', nodeId: 'done' });
    app.stop();
  });
});
