import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { KnownResources } from '@stumpfworks/flow';
import { storedToken } from './client.js';
import { useApi } from './useApi.js';

/** The server's lists the inspector offers and validateFlow checks against; undefined when offline. */
export type ServerResources = Required<KnownResources>;

interface ResourcesValue {
  resources: ServerResources | undefined;
  /** Reloads the lists (never asks for the token: without one the editor stays offline). */
  refresh(): Promise<void>;
}

const ResourcesContext = createContext<ResourcesValue>({ resources: undefined, refresh: async () => {} });

type Listed = { id: string }[];

/** Loads extensions, queues, rooms, flows, outbound routes and prompts from the server. */
export function ResourcesProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [resources, setResources] = useState<ServerResources>();
  const refresh = useCallback(async () => {
    if (!storedToken()) return;
    try {
      const [extensions, queues, rooms, flows, routes, prompts] = await Promise.all(
        ['/extensions', '/queues', '/conferences', '/flows', '/routes/outbound', '/prompts'].map((path) => api.get<Listed>(path)),
      );
      const ids = (list: Listed | undefined) => (list ?? []).map((item) => item.id);
      setResources({
        extensions: ids(extensions),
        mailboxes: (extensions as (Listed[number] & { voicemail?: { enabled?: boolean } })[]).filter((e) => e.voicemail?.enabled).map((e) => e.id),
        queues: ids(queues),
        rooms: ids(rooms),
        flows: ids(flows),
        routes: ids(routes),
        prompts: ids(prompts),
      });
    } catch {
      // Offline or no access: the inspector falls back to free text and nothing is checked.
      setResources(undefined);
    }
  }, [api]);
  const value = useMemo(() => ({ resources, refresh }), [resources, refresh]);
  return <ResourcesContext.Provider value={value}>{children}</ResourcesContext.Provider>;
}

export function useResources(): ResourcesValue {
  return useContext(ResourcesContext);
}
