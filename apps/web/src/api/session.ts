import { useSyncExternalStore } from 'react';

/** operator < editor < admin (the server's auth/roles.ts): each may do what the one before it may. */
export const ROLES = ['operator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Who is logged in, as GET /auth/session and POST /auth/login answer it. */
export interface SessionInfo {
  name: string;
  role: Role;
  /** Sent as X-CSRF-Token with every write (the session cookie itself is httpOnly: no script reads it). */
  csrfToken: string;
  mustChangePassword: boolean;
}

/**
 * The session in memory only (never in localStorage): `unknown` until the app has asked the
 * server, `out` when not logged in. A reload asks again (GET /auth/session with the cookie).
 */
type State = SessionInfo | 'unknown' | 'out';
let state: State = 'unknown';
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  for (const listener of listeners) listener();
}

export function currentSession(): State {
  return state;
}

export function startSession(session: SessionInfo): void {
  set(session);
}

/** After a 401 or a logout: the login page shows. */
export function endSession(): void {
  set('out');
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): State {
  return useSyncExternalStore(subscribe, currentSession);
}

/** Whether someone is logged in: lists that must not load before (the editor's pickers) wait for it. */
export function useLoggedIn(): boolean {
  return typeof useSession() === 'object';
}

/** Whether the logged-in person's role reaches `needed`. */
export function useAllowed(needed: Role): boolean {
  const session = useSession();
  return typeof session === 'object' && roleAllows(session.role, needed);
}
