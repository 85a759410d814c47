import { useEffect, useState } from 'react';
import { flowsNamedBy, parseFlow, type Flow } from '@stumpfworks/flow';
import { ApiError, type Api } from '../api/client.js';
import { useLoggedIn } from '../api/session.js';
import { useResources } from '../api/resources.js';
import { useApi } from '../api/useApi.js';
import { readFlow } from '../editor/flow-api.js';

/**
 * The flows a flow reaches through GotoFlow and CallFlow, transitively, as the server's drafts:
 * the simulator runs a call into them as the server would. `read` gives a stored draft by id, or
 * undefined when there is none; a flow that is missing or does not parse is left out (the engine
 * then names it as missing).
 */
export async function loadSubFlows(flow: Flow, read: (id: string) => Promise<unknown>): Promise<Flow[]> {
  const found = new Map<string, Flow>();
  const pending = [flow];
  while (pending.length > 0) {
    for (const id of flowsNamedBy(pending.pop()!)) {
      if (id === flow.id || found.has(id)) continue;
      const parsed = parseFlow(await read(id));
      if (!parsed.ok) continue;
      found.set(id, parsed.flow);
      pending.push(parsed.flow);
    }
  }
  return [...found.values()];
}

/** A stored flow's draft, or undefined when the server has no flow of that id. */
async function storedDraft(api: Api, id: string): Promise<unknown> {
  try {
    return (await readFlow(api, id)).draft;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The sub-flows of the flow being edited (see loadSubFlows), loaded again when the flows it names
 * or the server's list of flows change; none offline. A flow the server's list does not have is
 * not asked for (the diagnostics name it; a request would only add a 404 to the console).
 */
export function useSubFlows(flow: Flow | undefined): Flow[] {
  const api = useApi();
  const online = useLoggedIn();
  const known = useResources().resources?.flows;
  const [subFlows, setSubFlows] = useState<Flow[]>([]);
  const named = flow ? flowsNamedBy(flow).join(',') : '';
  const knownKey = known?.join(',');
  useEffect(() => {
    if (!flow || named === '' || !online) {
      setSubFlows([]);
      return;
    }
    let current = true;
    const read = (id: string) => (known && !known.includes(id) ? Promise.resolve(undefined) : storedDraft(api, id));
    loadSubFlows(flow, read).then(
      (flows) => current && setSubFlows(flows),
      (error: Error) => console.warn(`sub-flows not loaded: ${error.message}`),
    );
    return () => {
      current = false;
    };
    // Only the flows it names matter, not every edit of the flow.
  }, [api, named, online, knownKey, flow?.id]);
  return subFlows;
}
