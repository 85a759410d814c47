import { z } from 'zod';
import { promptSchema } from '../prompt.js';
import { defineNodeType, out } from './node-type.js';

export const playNode = defineNodeType({
  type: 'Play',
  version: 1,
  category: 'prompt',
  label: { de: 'Ansage', en: 'Play' },
  description: { de: 'Spielt eine Ansage ab.', en: 'Plays a prompt.' },
  params: z.object({ prompt: promptSchema }),
  seed: { prompt: { kind: 'tts', text: { de: 'Willkommen.', en: 'Welcome.' } } },
  paramLabels: { prompt: { de: 'Ansage', en: 'Prompt' } },
  outputs: () => [out.next],
  readsCallerInput: () => false,
  references: { prompt: 'prompts' },
});
