import { describe, expect, it } from 'vitest';
import { flowsNamedBy, referencesOf } from './references.js';
import { testFlow, tts } from './test-flows.js';
import { variablesOf } from './variables.js';

describe('references from the node descriptions', () => {
  it('names the PBX entries of each param, skipping empty values and ${...} references', () => {
    expect(referencesOf({ type: 'Dial', params: { targets: ['1000', '${DIRECT_EXTENSION}'] } })).toEqual([{ param: 'targets', kind: 'extensions', name: '1000' }]);
    expect(referencesOf({ type: 'TransferExternal', params: { number: '0301', route: '' } })).toEqual([]);
    expect(referencesOf({ type: 'Menu', params: { prompt: { kind: 'upload', id: 'hello' }, directDial: ['1002'] } })).toEqual([
      { param: 'directDial', kind: 'extensions', name: '1002' },
      { param: 'prompt', kind: 'prompts', name: 'hello' },
    ]);
    expect(referencesOf({ type: 'Play', params: { prompt: tts('Hallo') } })).toEqual([]);
    expect(referencesOf({ type: 'Nope', params: {} })).toEqual([]);
  });

  it('lists the flows a flow goes to, once each', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'a', type: 'GotoFlow', params: { flow: 'sub' } },
        { id: 'b', type: 'GotoFlow', params: { flow: 'sub' } },
      ],
      ['s.next->a'],
    );
    expect(flowsNamedBy(flow)).toEqual(['sub']);
  });
});

describe('variables from the node descriptions', () => {
  it('says what a node sets and reads', () => {
    expect(variablesOf({ type: 'CollectDigits', params: { variable: 'ACCOUNT' } })).toEqual({ sets: ['ACCOUNT'] });
    expect(variablesOf({ type: 'Condition', params: { subject: 'TIER', operator: 'equals', value: 'vip' } })).toEqual({ reads: [{ name: 'TIER', equals: 'vip' }] });
    expect(variablesOf({ type: 'Condition', params: { subject: 'callerId', operator: 'regex', value: '0.*' } })).toEqual({});
    expect(
      variablesOf({
        type: 'HttpRequest',
        params: { url: 'https://x.example/${ACCOUNT}?c=${CALLERID}', body: '', responseMapping: [{ variable: 'TIER', path: 'tier' }] },
      }),
    ).toEqual({ sets: ['TIER'], reads: [{ name: 'ACCOUNT' }] });
    expect(variablesOf({ type: 'Menu', params: { directDial: ['1002'] } })).toEqual({ sets: ['DIRECT_EXTENSION'] });
  });
});
