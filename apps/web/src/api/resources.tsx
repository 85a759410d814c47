import { useQueries, useQueryClient, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { KnownResources } from '@stumpfworks/flow';
import type { Api } from './client.js';
import { listKey } from './query.js';
import { useLoggedIn } from './session.js';
import { useApi } from './useApi.js';

/** The server's lists the inspector offers and validateFlow checks against; undefined when offline. */
export type ServerResources = Required<KnownResources>;

interface ResourcesValue {
  resources: ServerResources | undefined;
  /** Fetches the lists again now (e.g. before a publish is confirmed) and resolves when they are in. */
  refresh(): Promise<void>;
}

const LISTS = ['/extensions', '/queues', '/conferences', '/flows', '/routes/outbound', '/prompts'] as const;
type ListPath = (typeof LISTS)[number];

function listQuery(api: Api, path: ListPath, enabled: boolean) {
  return {
    queryKey: listKey(path),
    queryFn: async ({ signal }: { signal: AbortSignal }) => (await api.client.GET(path, { signal })).data ?? [],
    enabled,
  };
}

/** Fetches the lists again now (those that are enabled: never without a token), resolving when they are in. */
export async function refetchResources(queryClient: QueryClient): Promise<void> {
  await Promise.all(LISTS.map((path) => queryClient.refetchQueries({ queryKey: listKey(path), exact: true })));
}

const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);

/** The last lists and what was made of them: a refetch with the same answers keeps the same object (the editor's checks compare it by identity). */
let last: { lists: readonly unknown[]; resources: ServerResources | undefined } = { lists: [], resources: undefined };

/** The lists as ServerResources, once all are in; undefined while one is missing or failed (offline, no access). Exported for its test. */
export function combine(results: UseQueryResult<readonly { id: string }[]>[]): ServerResources | undefined {
  const lists = results.map((r) => (r.isError ? r.error : r.data));
  if (lists.length === last.lists.length && lists.every((list, i) => list === last.lists[i])) return last.resources;
  last = { lists, resources: resourcesOf(results) };
  return last.resources;
}

function resourcesOf(results: UseQueryResult<readonly { id: string }[]>[]): ServerResources | undefined {
  const [extensions, queues, rooms, flows, routes, prompts] = results.map((r) => r.data);
  if (!extensions || !queues || !rooms || !flows || !routes || !prompts || results.some((r) => r.isError)) return undefined;
  return {
    extensions: ids(extensions),
    mailboxes: (extensions as readonly { id: string; voicemail?: { enabled?: boolean } }[]).filter((e) => e.voicemail?.enabled).map((e) => e.id),
    queues: ids(queues),
    rooms: ids(rooms),
    flows: ids(flows),
    routes: ids(routes),
    prompts: ids(prompts),
  };
}

/**
 * Extensions, queues, rooms, flows, outbound routes and prompts from the server, from the same
 * cache as the admin pages (their writes invalidate it). Loads only when logged in: otherwise
 * the editor stays offline (free text, nothing checked against the server).
 */
export function useResources(): ResourcesValue {
  const api = useApi();
  const loggedIn = useLoggedIn();
  const queryClient = useQueryClient();
  const resources = useQueries({ queries: LISTS.map((path) => listQuery(api, path, loggedIn)), combine });
  const refresh = useCallback(() => refetchResources(queryClient), [queryClient]);
  return useMemo(() => ({ resources, refresh }), [resources, refresh]);
}
