import { useMemo } from 'react';
import { useI18n } from '../i18n.js';
import { apiClient, ApiError, type ApiClient } from './client.js';

/** The API client, asking for the token in the UI language. */
export function useApi(): ApiClient {
  const { t } = useI18n();
  const text = t('tokenPrompt');
  return useMemo(() => apiClient(text), [text]);
}

/** A readable reason for a failed call: the server's message, with the HTTP status. */
export function reasonOf(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (HTTP ${error.status})`;
  return (error as Error).message;
}
