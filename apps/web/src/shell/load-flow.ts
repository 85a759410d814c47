import type { ApiClient } from '../api/client.js';
import type { DraftFlow } from '../editor/draft.js';

/** A stored flow's draft (GET /flows/{id}). */
export async function loadFlow(api: ApiClient, flowId: string): Promise<DraftFlow> {
  const detail = await api.get<{ draft: DraftFlow }>(`/flows/${encodeURIComponent(flowId)}`);
  return detail.draft;
}
