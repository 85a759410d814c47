import type { Api } from '../api/client.js';
import type { DraftFlow } from './draft.js';

/**
 * The editor's calls for one flow document, typed from the spec. The spec leaves the flow document
 * open (packages/flow's schema describes it): the editor's DraftFlow is that document.
 */

/** A stored flow as the editor opens it: its draft and the revision it was read at. */
export interface StoredFlow {
  draft: DraftFlow;
  revision: number;
}

const byId = (id: string) => ({ params: { path: { id } } });
const ifMatch = (revision: number) => ({ 'if-match': `"${revision}"` });

/** GET /flows/{id}, always fresh (an open of a flow is no place for a cached copy). */
export async function readFlow(api: Api, id: string): Promise<StoredFlow> {
  const { data } = await api.client.GET('/flows/{id}', byId(id));
  return { draft: data!.draft as unknown as DraftFlow, revision: data!.revision };
}

/** GET /flows/{id}/versions/{version}: the document of an immutable version (the call history opens the one a call ran on). */
export async function readFlowVersion(api: Api, id: string, version: number): Promise<DraftFlow> {
  const { data } = await api.client.GET('/flows/{id}/versions/{version}', { params: { path: { id, version } } });
  return data as unknown as DraftFlow;
}

export async function flowIds(api: Api): Promise<string[]> {
  return ((await api.client.GET('/flows')).data ?? []).map((f) => f.id);
}

/** POST /flows: creates the flow, refused (409) when its id exists. Returns its revision. */
export async function createFlow(api: Api, flow: DraftFlow): Promise<number> {
  return (await api.client.POST('/flows', { body: { ...flow } })).data!.revision;
}

/** PUT /flows/{id} over `revision` only (409 when it changed, or when the body is another flow). Returns the new revision. */
export async function replaceFlow(api: Api, id: string, flow: DraftFlow, revision: number): Promise<number> {
  return (await api.client.PUT('/flows/{id}', { params: { path: { id }, header: ifMatch(revision) }, body: { ...flow } })).data!.revision;
}

/** POST /flows/{id}/publish, only while the server's draft is still `revision` (409 otherwise). */
export async function publishFlow(api: Api, id: string, revision: number | null, rollbackTo?: number) {
  const header = revision === null ? {} : ifMatch(revision);
  const body = rollbackTo === undefined ? {} : { rollbackTo };
  return (await api.client.POST('/flows/{id}/publish', { params: { path: { id }, header }, body })).data!;
}
