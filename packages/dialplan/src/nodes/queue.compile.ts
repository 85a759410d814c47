import type { NodeOf } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext } from '../ir.js';
import { follow, followAnswered, nodeContextOf, type NodeScope } from '../node-scope.js';
import { queueRecording } from './recording.js';

/**
 * Queue with the maximum wait as Queue()'s timeout and option `c`, so the call continues here
 * after the agent hangs up. Asterisk 22 then sets QUEUESTATUS=CONTINUE; every other status
 * (TIMEOUT, FULL, JOINEMPTY, LEAVEEMPTY, JOINUNAVAIL, LEAVEUNAVAIL, WITHDRAW, and UNKNOWN for a
 * queue that does not exist) means nobody answered: `overflow`. QUEUESTATUS is cleared first so a
 * value left by an earlier queue is never read. With recording policies in use, the queue's policy
 * is weighed first (`queueRecording`): `always` starts MixMonitor with `b` (from the agent's
 * answer, as app_queue's own monitor-format would); on demand and always give Queue() the agent's
 * pre-dial handler `b(...)` for the recording keys (`*1` on demand, `*2` pause and resume).
 */
export function compileQueue(scope: NodeScope<NodeOf<'Queue'>>): DialplanContext[] {
  const { queue, maxWaitSeconds } = scope.node.params;
  const recording = queueRecording(scope.options.recording, queue);
  const steps = [
    app('Set', 'QUEUESTATUS='),
    ...recording.before,
    app('Queue', queue, `c${recording.options}`, '', '', String(maxWaitSeconds)),
    app('GotoIf', '$["${QUEUESTATUS}" = "CONTINUE"]?answered'),
    ...labelled('overflow', follow(scope, 'overflow')),
    ...labelled('answered', followAnswered(scope)),
  ];
  return [nodeContextOf(scope, steps)];
}
