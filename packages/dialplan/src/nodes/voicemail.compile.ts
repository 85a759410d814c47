import type { NodeOf } from '@stumpfworks/flow';
import { app, type DialplanContext, type DialplanExtension } from '../ir.js';
import { endEvent, follow, nodeContextOf, type NodeScope } from '../node-scope.js';

/**
 * VoiceMail()'s options for a greeting and the instructions: `u` unavailable, `b` busy, nothing
 * for none; `s` skips the instructions. Shared with the ARI runtime's hand-over.
 */
export function voicemailOptions(greeting: 'unavailable' | 'busy' | 'none', instructions: boolean): string {
  return `${greeting === 'busy' ? 'b' : greeting === 'unavailable' ? 'u' : ''}${instructions ? '' : 's'}`;
}

/**
 * Voicemail with the unavailable (`u`), busy (`b`) or no greeting, with or without instructions (`s`). With `next` unconnected the end
 * trace comes before VoiceMail(), as the caller usually hangs up inside it. With `next` connected,
 * an `h` extension reports the `voicemail` end when the caller hangs up inside VoiceMail() (the only
 * place the call can hang up in this context); otherwise the call goes on.
 */
export function compileVoicemail(scope: NodeScope<NodeOf<'Voicemail'>>): DialplanContext[] {
  const { mailbox, greeting, instructions } = scope.node.params;
  const voicemail = app('VoiceMail', `${mailbox}@default`, voicemailOptions(greeting, instructions === 'play'));
  if (scope.graph.edge(scope.node.id, 'next') === undefined) {
    return [nodeContextOf(scope, [endEvent(scope, 'voicemail'), voicemail, app('Hangup')])];
  }
  const hangup: DialplanExtension = {
    name: 'h',
    comment: 'the caller hung up inside VoiceMail()',
    priorities: [endEvent(scope, 'voicemail')],
  };
  return [nodeContextOf(scope, [voicemail, ...follow(scope, 'next')], [hangup])];
}
