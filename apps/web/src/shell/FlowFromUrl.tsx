import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { reasonOf, useApi } from '../api/useApi.js';
import { emptyFlow } from '../editor/draft.js';
import { useEditor } from '../editor/store.js';
import { loadFlow } from './load-flow.js';
import { NEW_FLOW, useEditorRoute } from './flow-url.js';

/**
 * Puts the flow of the URL into the editor when the URL names another flow than the editor holds:
 * a deep link, a reload, Back and Forward. Opening a flow from the header loads it before it changes
 * the URL, so this finds nothing to do then.
 */
export function FlowFromUrl() {
  const { flowId } = useEditorRoute();
  const { state, dispatch } = useEditor();
  const api = useApi();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const held = useRef(state.flow.id);
  held.current = state.flow.id;
  const previous = useRef<string>(undefined);

  useEffect(() => {
    const before = previous.current;
    previous.current = flowId;
    setError(undefined);
    if (flowId === NEW_FLOW) {
      // Back to /flows/new from a flow: the editor shows a new flow again.
      if (before !== undefined && before !== NEW_FLOW) dispatch({ type: 'load', flow: emptyFlow() });
      return;
    }
    if (held.current === flowId) return;
    let current = true;
    loadFlow(api, queryClient, flowId).then(
      (flow) => current && dispatch({ type: 'load', flow }),
      (e: unknown) => current && setError(reasonOf(e)),
    );
    return () => {
      current = false;
    };
  }, [flowId, api, queryClient, dispatch]);

  return error ? (
    <p className="error flow-load-error" role="alert">
      {flowId}: {error}
    </p>
  ) : null;
}
