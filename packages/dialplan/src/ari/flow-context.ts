import type { Flow } from '@stumpfworks/flow';
import { app, type DialplanContext } from '../ir.js';
import { flowContext } from '../names.js';
import { FALLBACK_CONTEXT } from './handoff.js';

/**
 * The whole dialplan of a flow with `deployment: 'ari'`: its flow context (which the entry context
 * and GotoFlow of other flows reach) hands the call to the Stasis app with the flow id as argument.
 * It answers nothing itself: the runtime runs the Start node. Stasis() returns at once when the app
 * is not connected; the call then goes to the fallback context.
 */
export function ariFlowContext(flow: Flow, ariApp: string): DialplanContext {
  return {
    name: flowContext(flow.id),
    comments: [`flow ${flow.id} "${flow.name}" (deployment: ari, runs in the Stasis app "${ariApp}")`],
    extensions: [{ name: 's', priorities: [app('Stasis', ariApp, flow.id), app('Goto', FALLBACK_CONTEXT, 's', '1')] }],
  };
}
