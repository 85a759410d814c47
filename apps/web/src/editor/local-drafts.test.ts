import { describe, expect, it, vi } from 'vitest';
import { emptyFlow } from './draft.js';
import { dropLocalDraft, keepLocalDraft, NEW_FLOW, readLocalDraft } from './local-drafts.js';

/** Storage as the browser has it, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('local drafts', () => {
  it('keeps unsaved changes per flow until they are dropped', () => {
    const storage = memoryStorage();
    const a = { ...emptyFlow('a', 'A'), nodes: [{ id: 'start-1', type: 'Start', params: {} }] };
    keepLocalDraft(storage, 'a', a, 3, new Date('2026-12-07T00:00:00Z'));
    keepLocalDraft(storage, NEW_FLOW, emptyFlow('neu', 'Neu'), null);
    expect(readLocalDraft(storage, 'a')).toEqual({ flow: a, revision: 3, keptAt: '2026-12-07T00:00:00.000Z' });
    expect(readLocalDraft(storage, NEW_FLOW)?.flow.id).toBe('neu');
    expect(readLocalDraft(storage, 'b')).toBeUndefined();
    dropLocalDraft(storage, 'a');
    expect(readLocalDraft(storage, 'a')).toBeUndefined();
    expect(readLocalDraft(storage, NEW_FLOW)?.revision).toBeNull();
  });

  it('drops an entry that is not a draft, saying so', () => {
    const storage = memoryStorage();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    storage.setItem('stumpfworks.draft.x', '{not json');
    storage.setItem('stumpfworks.draft.y', '{"flow":{"id":"y"}}');
    expect(readLocalDraft(storage, 'x')).toBeUndefined();
    expect(readLocalDraft(storage, 'y')).toBeUndefined();
    expect(storage.length).toBe(0);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});
