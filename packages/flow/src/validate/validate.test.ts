import { describe, expect, it } from 'vitest';
import { testFlow, tts } from '../test-flows.js';
import { validateFlow } from './index.js';

const codes = (flow: Parameters<typeof validateFlow>[0], resources = {}) =>
  validateFlow(flow, resources).map((d) => `${d.severity}:${d.code}:${d.nodeId ?? ''}${d.output ? `.${d.output}` : ''}`);

const menu = { id: 'm', type: 'Menu', params: { prompt: tts('Hallo') } };

describe('validateFlow', () => {
  it('finds nothing wrong in a complete flow', () => {
    const flow = testFlow(
      [{ id: 's', type: 'Start' }, menu, { id: 'h', type: 'Hangup' }],
      ['s.next->m', 'm.1->h', 'm.timeout->h', 'm.invalid->h'],
    );
    expect(validateFlow(flow)).toEqual([]);
  });

  it('reports a missing start node', () => {
    expect(codes(testFlow([{ id: 'h', type: 'Hangup' }], []))).toEqual(['error:no-start:']);
  });

  it('reports a second start node', () => {
    const flow = testFlow([{ id: 's', type: 'Start' }, { id: 't', type: 'Start' }, { id: 'h', type: 'Hangup' }], [
      's.next->h',
      't.next->h',
    ]);
    expect(codes(flow)).toEqual(['error:multiple-start:t', 'warning:unreachable-node:t']);
  });

  it('reports a menu without timeout and invalid handling, in plain language', () => {
    const flow = testFlow([{ id: 's', type: 'Start' }, menu, { id: 'h', type: 'Hangup' }], ['s.next->m', 'm.1->h']);
    const diagnostics = validateFlow(flow);
    expect(diagnostics.map((d) => d.code)).toEqual(['menu-no-timeout', 'menu-no-invalid']);
    expect(diagnostics[0]!.message.de).toBe(
      'Was passiert, wenn der Anrufer nichts drückt? Verbinden Sie den Ausgang „Keine Eingabe“.',
    );
  });

  it('reports two branches on the same digit', () => {
    const flow = testFlow(
      [{ id: 's', type: 'Start' }, menu, { id: 'h', type: 'Hangup' }, { id: 'h2', type: 'Hangup' }],
      ['s.next->m', 'm.1->h', 'm.1->h2', 'm.timeout->h', 'm.invalid->h'],
    );
    expect(codes(flow)).toEqual(['error:duplicate-output:m.1']);
    expect(validateFlow(flow)[0]!.message.en).toBe('Key 1 has two branches. Each key may lead to one place only.');
  });

  it('reports a menu with no branch at all', () => {
    const flow = testFlow([{ id: 's', type: 'Start' }, menu, { id: 'h', type: 'Hangup' }], [
      's.next->m',
      'm.timeout->h',
      'm.invalid->h',
    ]);
    expect(codes(flow)).toEqual(['error:menu-no-branches:m']);
  });

  it('reports a digit pattern no entry of the allowed length can match', () => {
    const collect = (params: object) =>
      testFlow(
        [{ id: 's', type: 'Start' }, { id: 'c', type: 'CollectDigits', params: { prompt: tts('Nummer'), variable: 'A', ...params } }, { id: 'h', type: 'Hangup' }],
        ['s.next->c', 'c.next->h', 'c.invalid->h'],
      );
    expect(codes(collect({ minDigits: 5, maxDigits: 5, pattern: '7\\d{4}' }))).toEqual([]);
    expect(codes(collect({ minDigits: 4, maxDigits: 4, pattern: '7\\d{4}' }))).toEqual(['error:collect-digits-pattern-unmatchable:c']);
    expect(codes(collect({ pattern: '[a-z]+' }))).toEqual(['error:collect-digits-pattern-unmatchable:c']);
    // The terminator ends the entry, so it can never be part of it.
    expect(codes(collect({ pattern: '1#' }))).toEqual(['error:collect-digits-pattern-unmatchable:c']);
    expect(codes(collect({ pattern: '1#', terminator: '*' }))).toEqual([]);
  });

  it('reports dangling edges and unknown outputs', () => {
    const flow = testFlow([{ id: 's', type: 'Start' }, { id: 'h', type: 'Hangup' }], [
      's.next->h',
      's.next->ghost',
      'h.next->s',
    ]);
    expect(codes(flow)).toEqual(['error:dangling-edge:s.next', 'error:unknown-output:h.next']);
  });

  it('reports unconnected required outputs and unreachable nodes', () => {
    const flow = testFlow(
      [{ id: 's', type: 'Start' }, { id: 'd', type: 'Dial', params: { targets: ['1000'] } }, { id: 'x', type: 'Hangup' }],
      ['s.next->d'],
    );
    expect(codes(flow)).toEqual(['error:unconnected-output:d.noAnswer', 'warning:unreachable-node:x']);
  });

  it('reports a loop that spins without caller input', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'a', type: 'SetVariable', params: { name: 'A', value: '1' } },
        { id: 'b', type: 'Play', params: { prompt: tts('x') } },
      ],
      ['s.next->a', 'a.next->b', 'b.next->a'],
    );
    expect(codes(flow)).toEqual(['error:endless-loop:a']);
  });

  it('accepts a loop through a menu', () => {
    const flow = testFlow(
      [{ id: 's', type: 'Start' }, menu, { id: 'p', type: 'Play', params: { prompt: tts('x') } }],
      ['s.next->m', 'm.1->p', 'p.next->m', 'm.timeout->p', 'm.invalid->p'],
    );
    expect(codes(flow)).toEqual([]);
  });

  it('checks references against known resources', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'd', type: 'Dial', params: { targets: ['1000', '1009'] } },
        { id: 'q', type: 'Queue', params: { queue: 'sales' } },
        { id: 'v', type: 'Voicemail', params: { mailbox: '1009' } },
        { id: 'c', type: 'Conference', params: { room: '8001' } },
        { id: 'g', type: 'GotoFlow', params: { flow: 'nope' } },
      ],
      ['s.next->d', 'd.noAnswer->q', 'q.overflow->v', 'v.next->c', 'c.next->g'],
    );
    expect(codes(flow, { extensions: ['1000'], queues: ['support'], mailboxes: ['1000'], rooms: ['8000'], flows: [] })).toEqual([
      'error:unknown-extension:d',
      'error:unknown-queue:q',
      'error:unknown-mailbox:v',
      'error:unknown-room:c',
      'error:unknown-flow:g',
    ]);
    expect(codes(flow)).toEqual([]);
  });

  it('warns about a condition on a variable that is never set', () => {
    const flow = testFlow(
      [
        { id: 's', type: 'Start' },
        { id: 'c', type: 'Condition', params: { subject: 'VIP', operator: 'equals', value: '1' } },
        { id: 'h', type: 'Hangup' },
      ],
      ['s.next->c', 'c.true->h', 'c.false->h'],
    );
    expect(codes(flow)).toEqual(['warning:unset-variable:c']);
  });
});
