import type { Api } from './client.js';
import type { paths } from './schema.gen.js';

/** The resources with the same five calls: GET and POST `path`, GET, PUT and DELETE `path/{id}`. */
export type CrudPath = '/extensions' | '/trunks' | '/routes/inbound' | '/routes/outbound' | '/queues' | '/conferences';

type JsonOf<Response> = Response extends { content: { 'application/json': infer Json } } ? Json : never;
type Responses<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R } ? R : never;

/** An item of `path` as the server lists it. */
export type Row<P extends CrudPath> = (JsonOf<Responses<P, 'get'>[200 & keyof Responses<P, 'get'>]> extends readonly (infer Item)[] ? Item : never) & { id: string };
/** What a POST to `path` answers: the new item (with a generated secret shown once, where there is one). */
export type CreatedRow<P extends CrudPath> = JsonOf<Responses<P, 'post'>[201 & keyof Responses<P, 'post'>]> & { id: string };

/**
 * The CRUD calls for a path chosen at run time (the shared admin page). The body comes from the
 * page's generic form, so it goes out as the form built it: the server checks it (422 with the
 * field paths), and the answers are typed from the spec (narrowed from all CRUD paths to `path`).
 */
export function crud<P extends CrudPath>(api: Api, path: P) {
  const one = `${path}/{id}` as `${CrudPath}/{id}`;
  const params = (id: string) => ({ params: { path: { id } } });
  return {
    list: async (signal?: AbortSignal) => (await api.client.GET(path as CrudPath, { signal })).data as unknown as Row<P>[],
    create: async (body: Record<string, unknown>) => (await api.client.POST(path as CrudPath, { body: body as never })).data as unknown as CreatedRow<P>,
    replace: async (id: string, body: Record<string, unknown>) => (await api.client.PUT(one, { ...params(id), body: body as never })).data as unknown as Row<P>,
    remove: async (id: string) => void (await api.client.DELETE(one, params(id))),
  };
}
