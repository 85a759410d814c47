/**
 * A test-only sample node type, not in the catalogue: the proof that a node type is its three
 * layer files and a registration, nothing else (docs/adding-a-node.md; registered by the tests
 * packages/ari-runtime/src/sample-node.test.ts and apps/web/src/editor/sample-node.test.ts).
 * This is its flow description; the step is engine/src/sample-node/confirm.step.ts, the
 * compiler dialplan/src/sample-node/confirm.compile.ts.
 */
import { z } from 'zod';
import type { DescribedNode } from '../flow.schema.js';
import { defineNodeType } from '../nodes/node-type.js';
import { promptSchema } from '../prompt.js';

export const confirmNode = defineNodeType({
  type: 'Confirm',
  version: 1,
  category: 'prompt',
  label: { de: 'Bestätigen', en: 'Confirm' },
  description: { de: 'Der Anrufer bestätigt mit einer Taste, oder nicht.', en: 'The caller confirms with a key, or does not.' },
  params: z.object({
    prompt: promptSchema,
    /** The key that confirms; any other key, or none within the timeout, does not. */
    key: z.enum(['1', '#']).default('1'),
    timeoutSeconds: z.number().int().min(1).max(30).default(5),
  }),
  seed: { prompt: { kind: 'tts', text: { de: 'Bitte bestätigen Sie mit der 1.', en: 'Press 1 to confirm.' } } },
  paramLabels: {
    prompt: { de: 'Ansage', en: 'Prompt' },
    key: { de: 'Taste', en: 'Key' },
    timeoutSeconds: { de: 'Wartezeit (Sekunden)', en: 'Timeout (seconds)' },
  },
  valueLabels: { key: { '1': { de: 'Taste 1', en: 'Key 1' }, '#': { de: 'Raute (#)', en: 'Hash (#)' } } },
  outputs: () => [
    { name: 'yes', label: { de: 'Bestätigt', en: 'Confirmed' }, required: true },
    {
      name: 'no',
      label: { de: 'Nicht bestätigt', en: 'Not confirmed' },
      required: true,
      whenMissing: {
        code: 'confirm-no-refusal',
        message: { de: 'Was passiert, wenn der Anrufer nicht bestätigt? Verbinden Sie „Nicht bestätigt“.', en: 'What happens when the caller does not confirm? Connect "Not confirmed".' },
      },
    },
  ],
  readsCallerInput: () => true,
  references: { prompt: 'prompts' },
});

export type ConfirmNode = DescribedNode<typeof confirmNode>;
