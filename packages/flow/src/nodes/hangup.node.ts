import { z } from 'zod';
import { defineNodeType } from './node-type.js';

export const hangupNode = defineNodeType({
  type: 'Hangup',
  version: 1,
  category: 'call',
  label: { de: 'Auflegen', en: 'Hang up' },
  description: { de: 'Beendet den Anruf.', en: 'Ends the call.' },
  params: z.object({}),
  paramLabels: {},
  outputs: () => [],
  readsCallerInput: () => false,
});
