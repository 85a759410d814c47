import { promptFile, type NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { follow, nodeContextOf, type NodeScope } from '../node-scope.js';
import { recordingMark } from '../resources/recording.js';

/**
 * Consent: the notice (Playback, not interruptible), then the policy's mark on the channel
 * (`__SWF_REC_<POLICY>=1`, inherited), which the recording decision before each dial weighs.
 */
export function compileConsent(scope: NodeScope<NodeOf<'Consent'>>): DialplanContext[] {
  const { prompt, recording } = scope.node.params;
  return [nodeContextOf(scope, [app('Playback', promptFile(prompt)), ...recordingMark(recording), ...follow(scope, 'next')])];
}
