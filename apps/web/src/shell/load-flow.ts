import type { QueryClient } from '@tanstack/react-query';
import type { Api } from '../api/client.js';
import { refetchResources } from '../api/resources.js';
import type { DraftFlow } from '../editor/draft.js';

/**
 * A stored flow's draft (GET /flows/{id}), always fetched anew (an open of the flow is no place for
 * a cached copy), with the server's lists its checks use fetched again too. The spec leaves the
 * flow document open (packages/flow's schema describes it); the editor's DraftFlow is that document.
 */
export async function loadFlow(api: Api, queryClient: QueryClient, flowId: string): Promise<DraftFlow> {
  const [detail] = await Promise.all([
    queryClient.fetchQuery({ ...api.query.queryOptions('get', '/flows/{id}', { params: { path: { id: flowId } } }), staleTime: 0 }),
    refetchResources(queryClient),
  ]);
  return detail.draft as unknown as DraftFlow;
}
