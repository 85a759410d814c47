import { z } from '@hono/zod-openapi';
import { says } from '../http/language.js';

/**
 * The recording policy field of extensions, trunks and inbound routes (packages/dialplan
 * resources/recording.ts renders it). Left out: the resource has no say, and a call that no
 * resource opts in for is not recorded (§201 StGB). Several on one call: never > always > on demand.
 */
export const RecordingPolicySchema = z
  .enum(['never', 'onDemand', 'always'], says({ de: 'never (nie), onDemand (auf Wunsch mit *1, Pause mit *2) oder always (immer, Pause mit *2)', en: 'never, onDemand (*1 toggles, *2 pauses) or always (*2 pauses)' }))
  .optional()
  .openapi({
    description:
      'Call recording: never; onDemand (*1 during the call starts recording, *1 again stops it); always (from the start of the bridged call). ' +
      'With onDemand and always, *2 pauses the recording and *2 again resumes it into the same file (the paused part is left out). ' +
      'Left out: no say. Where several apply to a call, never wins over always, always over onDemand; with none, the call is not recorded.',
  });
