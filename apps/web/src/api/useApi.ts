import { useLayoutEffect, useMemo, useRef } from 'react';
import { useI18n } from '../i18n.js';
import { apiClient, ApiError, type ApiClient, type ClientTexts } from './client.js';

/**
 * The API client, asking for the token in the UI language and for the server's messages in it.
 * The client stays the same when the language changes, so nothing that depends on it loads again.
 */
export function useApi(): ApiClient {
  const { t, language } = useI18n();
  const texts = useRef<ClientTexts>({ language, ask: t('tokenPrompt'), missing: t('tokenMissing') });
  useLayoutEffect(() => {
    texts.current = { language, ask: t('tokenPrompt'), missing: t('tokenMissing') };
  }, [t, language]);
  return useMemo(() => apiClient(() => texts.current), []);
}

/** A readable reason for a failed call: the server's message, with the HTTP status. */
export function reasonOf(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (HTTP ${error.status})`;
  return (error as Error).message;
}
