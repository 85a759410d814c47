import { useSyncExternalStore } from 'react';

/** The admin token the user gave once, kept in localStorage; components that wait for it re-render when it comes or goes. */
const TOKEN_KEY = 'stumpfworks.adminToken';
const listeners = new Set<() => void>();

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function rememberToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
  for (const listener of listeners) listener();
}

/** After a 401: the next call asks again. */
export function forgetToken(): void {
  localStorage.removeItem(TOKEN_KEY);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether a token is known: lists that must never ask for it (the editor's pickers) load only then. */
export function useHasToken(): boolean {
  return useSyncExternalStore(subscribe, () => storedToken() !== null);
}
