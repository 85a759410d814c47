import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n.js';
import { ApiError, createApi, type Api, type ClientTexts } from './client.js';

const ApiContext = createContext<Api | null>(null);

/**
 * The app's one API client, asking for the server's messages in the UI language. The client stays
 * the same when the language changes, so nothing that depends on it loads again.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  const texts = useRef<ClientTexts>({ language });
  useLayoutEffect(() => {
    texts.current = { language };
  }, [language]);
  const [api] = useState(() => createApi(() => texts.current));
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The API client. Throws outside an ApiProvider. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}

/** A readable reason for a failed call: the server's message, with the HTTP status. */
export function reasonOf(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (HTTP ${error.status})`;
  return (error as Error).message;
}
