import { byId, renderConf } from './conf-text.js';
import type { PbxResources } from './types.js';

/** The class the base musiconhold.conf defines; a queue's `musicOnHold` default. */
export const DEFAULT_MOH_CLASS = 'default';

/** Where the server puts uploaded prompts inside Asterisk's sounds dir (no extension: Asterisk picks the format). */
export const PROMPT_SOUNDS_DIR = '/usr/share/asterisk/sounds/stumpfworks/prompts';

/**
 * The music-on-hold class a queue's `musicOnHold` names: `default` stays the base class; any other
 * value is the id of an uploaded prompt, played in a loop by the generated class `swf-<id>`.
 */
export function mohClass(musicOnHold: string): string {
  return musicOnHold === DEFAULT_MOH_CLASS ? DEFAULT_MOH_CLASS : `swf-${musicOnHold}`;
}

/**
 * stumpfworks/musiconhold.conf: one `playlist` class per uploaded prompt that a queue plays on
 * hold (each used once, however many queues share it). Empty of classes when every queue uses
 * `default`.
 */
export function renderMusicOnHold(resources: Pick<PbxResources, 'queues'>): string {
  const prompts = [...new Set(resources.queues.map((q) => q.musicOnHold).filter((m) => m !== DEFAULT_MOH_CLASS))];
  return renderConf(
    'music on hold: uploaded prompts that queues play (class default is in the base musiconhold.conf)',
    byId(prompts.map((id) => ({ id }))).map(({ id }) => ({
      name: mohClass(id),
      comment: `prompt ${id}`,
      entries: [
        ['mode', 'playlist'],
        ['entry', `${PROMPT_SOUNDS_DIR}/${id}`],
      ],
    })),
  );
}
