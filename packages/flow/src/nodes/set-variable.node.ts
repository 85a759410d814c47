import { z } from 'zod';
import { isReservedVariable, variableNameSchema } from '../ids.js';
import { bilingual } from '../messages.js';
import { defineNodeType, out } from './node-type.js';

/** A value with optional `${NAME}` references to other flow variables. */
export const templateSchema = z
  .string()
  .max(200)
  .regex(/^([^"$\\{}\[\],;|\n\r]|\$\{[A-Z][A-Z0-9_]{0,30}\})*$/, bilingual({ de: 'Nur einfacher Text und ${NAME}-Verweise', en: 'plain text and ${NAME} references only' }))
  .refine(
    (value) => [...value.matchAll(/\$\{([A-Z0-9_]+)\}/g)].every(([, name]) => name === 'DIRECT_EXTENSION' || !isReservedVariable(name!)),
    bilingual({
      de: 'Ein Verweis auf einen reservierten Namen (SWF_*, EXTEN, UNIQUEID, ...) bedeutet im Dialplan etwas anderes',
      en: 'a reference to a reserved name (SWF_*, EXTEN, UNIQUEID, ...) means something else in the dialplan',
    }),
  );

export const setVariableNode = defineNodeType({
  type: 'SetVariable',
  version: 1,
  category: 'logic',
  label: { de: 'Variable setzen', en: 'Set variable' },
  description: { de: 'Setzt eine Variable des Anrufs.', en: 'Sets a call variable.' },
  params: z.object({ name: variableNameSchema, value: templateSchema }),
  seed: { name: 'VAR', value: '' },
  paramLabels: { name: { de: 'Name', en: 'Name' }, value: { de: 'Wert', en: 'Value' } },
  outputs: () => [out.next],
  readsCallerInput: () => false,
  // The `${NAME}` references of the value are not declared as reads: validation never warned about them.
  variables: (params) => ({ sets: [params.name] }),
});
