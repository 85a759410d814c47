import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.js';

/** Network failures are tried again twice; an answer of the server (an ApiError) is final. */
const RETRIES = 2;

/**
 * The app's server-state cache (TanStack Query): lists are shared by every page that shows them,
 * fetched again when a page mounts, the window gets the focus again or a write invalidates them.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError) && failures < RETRIES,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/** The key of GET `path` without parameters, as openapi-react-query builds it: what a write to `path` invalidates. */
export function listKey(path: string): readonly ['get', string] {
  return ['get', path];
}
