import type { UseQueryResult } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { combine } from './resources.js';

type Result = UseQueryResult<readonly { id: string }[]>;
const ok = (data: readonly { id: string }[]) => ({ data, isError: false, error: null }) as unknown as Result;
const failed = (data?: readonly { id: string }[]) => ({ data, isError: true, error: new Error('offline') }) as unknown as Result;

// In the order useResources asks: extensions, queues, rooms, flows, outbound routes, prompts.
const extensions = [{ id: '1000', voicemail: { enabled: true } }, { id: '1001' }];
const lists = () => [ok(extensions), ok([{ id: 'support' }]), ok([{ id: '8000' }]), ok([{ id: 'musterfirma' }]), ok([{ id: 'raus' }]), ok([{ id: 'hallo' }])];

describe("the editor's server lists", () => {
  it('are the ids of each list, and the extensions with a mailbox', () => {
    expect(combine(lists())).toEqual({
      extensions: ['1000', '1001'],
      mailboxes: ['1000'],
      queues: ['support'],
      rooms: ['8000'],
      flows: ['musterfirma'],
      routes: ['raus'],
      prompts: ['hallo'],
    });
  });

  it('stay the same object while the answers are the same (the checks compare them by identity)', () => {
    const results = lists();
    const first = combine(results);
    // A refetch that answered the same keeps the data (TanStack's structural sharing), with new result objects.
    expect(combine(results.map((r) => ({ ...r }) as Result))).toBe(first);
    const changed = [...results];
    changed[1] = ok([{ id: 'support' }, { id: 'sales' }]);
    const second = combine(changed);
    expect(second).not.toBe(first);
    expect(second?.queues).toEqual(['support', 'sales']);
  });

  it('are undefined while one list is missing or failed: the editor is offline then', () => {
    const missing = lists();
    missing[5] = { data: undefined, isError: false, error: null } as unknown as Result;
    expect(combine(missing)).toBeUndefined();
    const offline = lists();
    offline[0] = failed(extensions);
    expect(combine(offline)).toBeUndefined();
  });
});
