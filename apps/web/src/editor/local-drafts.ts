import type { DraftFlow } from './draft.js';

/** Unsaved changes of one flow, kept in the browser until they are saved or discarded. */
export interface LocalDraft {
  flow: DraftFlow;
  /** The server revision the changes are based on; null for a flow never saved. */
  revision: number | null;
  /** When they were kept (ISO time), shown when they are restored. */
  keptAt: string;
}

/** The slot of a flow that has never been saved: there is one, whatever its id becomes. */
export const NEW_FLOW = 'new';

const PREFIX = 'stumpfworks.draft.';
const keyOf = (slot: string) => `${PREFIX}${slot}`;

function isLocalDraft(value: unknown): value is LocalDraft {
  const v = value as Partial<LocalDraft> | null;
  return (
    !!v &&
    typeof v.keptAt === 'string' &&
    (v.revision === null || typeof v.revision === 'number') &&
    !!v.flow &&
    typeof v.flow.id === 'string' &&
    Array.isArray(v.flow.nodes) &&
    Array.isArray(v.flow.edges)
  );
}

/**
 * The unsaved changes kept for `slot` (a flow id, or NEW_FLOW). An entry that does not read as one
 * (another version of the app, edited by hand) is removed, and the flow opens as the server has it.
 */
export function readLocalDraft(storage: Storage, slot: string): LocalDraft | undefined {
  const text = storage.getItem(keyOf(slot));
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    console.warn(`dropped the unreadable local draft of ${slot}: ${(error as Error).message}`);
    storage.removeItem(keyOf(slot));
    return undefined;
  }
  if (isLocalDraft(value)) return value;
  console.warn(`dropped the local draft of ${slot}: not a draft of this app`);
  storage.removeItem(keyOf(slot));
  return undefined;
}

/** Keeps unsaved changes (a full storage throws: the caller shows that they are not kept). */
export function keepLocalDraft(storage: Storage, slot: string, flow: DraftFlow, revision: number | null, now = new Date()): void {
  const draft: LocalDraft = { flow, revision, keptAt: now.toISOString() };
  storage.setItem(keyOf(slot), JSON.stringify(draft));
}

export function dropLocalDraft(storage: Storage, slot: string): void {
  storage.removeItem(keyOf(slot));
}
