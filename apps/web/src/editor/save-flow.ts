import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/useApi.js';
import { flowPath, NEW_FLOW as NEW_FLOW_URL, useEditorRoute } from '../shell/flow-url.js';
import type { DraftFlow } from './draft.js';
import { createFlow, flowIds, replaceFlow } from './flow-api.js';
import { flowIdFor } from './flow-id.js';
import { dropLocalDraft, NEW_FLOW } from './local-drafts.js';
import { useEditorStore } from './store.js';

interface Saved {
  id: string;
  /** The server's revision of what was saved: If-Match for the publish that follows. */
  revision: number;
}

/**
 * Saves the open flow, never another: a new flow is created (POST, 409 when its id exists), a
 * stored one is written to the flow of the URL with If-Match of the revision it was read at (409
 * when it was written since, or when the body names another flow). The server's refusal is thrown.
 */
export function useSaveFlow(): () => Promise<Saved> {
  const store = useEditorStore();
  const api = useApi();
  const navigate = useNavigate();
  const { flowId } = useEditorRoute();
  return useCallback(async () => {
    const { session } = store.getState();
    if (session.revision === null) {
      if (session.idFollowsName) {
        // The id was derived from the lists as they were: derive it again from the server's now.
        const taken = await flowIds(api);
        const { flow } = store.getState().editor;
        store.getState().dispatch({ type: 'setFlowId', id: flowIdFor(flow.name, taken) });
      }
      const flow: DraftFlow = store.getState().editor.flow;
      const revision = await createFlow(api, flow);
      store.getState().markSaved(flow, revision);
      dropLocalDraft(localStorage, NEW_FLOW);
      if (flowId === NEW_FLOW_URL) await navigate(flowPath(flow.id), { replace: true });
      return { id: flow.id, revision };
    }
    const flow: DraftFlow = store.getState().editor.flow;
    const revision = await replaceFlow(api, flowId, flow, session.revision);
    store.getState().markSaved(flow, revision);
    return { id: flowId, revision };
  }, [store, api, navigate, flowId]);
}
