import { z } from 'zod';
import { defineNodeType, out } from './node-type.js';

export const recordNode = defineNodeType({
  type: 'Record',
  version: 1,
  category: 'call',
  label: { de: 'Aufnahme', en: 'Record' },
  description: { de: 'Startet oder beendet die Gesprächsaufnahme.', en: 'Starts or stops recording the call.' },
  params: z.object({ action: z.enum(['start', 'stop']).default('start') }),
  paramLabels: { action: { de: 'Aktion', en: 'Action' } },
  valueLabels: {
    action: {
      start: { de: 'Aufnahme starten', en: 'Start recording' },
      stop: { de: 'Aufnahme beenden', en: 'Stop recording' },
    },
  },
  outputs: () => [out.next],
  readsCallerInput: () => false,
});
