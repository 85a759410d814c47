import { useEffect, type ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { endSession, startSession, useSession, type Role } from '../api/session.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { LoginPage } from './LoginPage.js';
import { PasswordPage } from './PasswordPage.js';

/** The server's session answer as the app keeps it. */
export function sessionFrom(answer: { name: string; role: Role; csrfToken?: string; user?: { mustChangePassword: boolean } }) {
  return { name: answer.name, role: answer.role, csrfToken: answer.csrfToken ?? '', mustChangePassword: answer.user?.mustChangePassword ?? false };
}

/**
 * Shows the app only to someone logged in: asks the server once who the cookie belongs to (a
 * reload keeps the login, the page keeps nothing itself), else the login page; a one-time password
 * is changed first.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const { t } = useI18n();
  const session = useSession();
  useEffect(() => {
    if (session !== 'unknown') return;
    api.client.GET('/auth/session').then(
      ({ data }) => startSession(sessionFrom(data!)),
      (error: unknown) => {
        // 401 (no or an ended session) ends it in the client; anything else shows the login too, with the reason logged.
        if (!(error instanceof ApiError && error.status === 401)) console.warn('[session] asking the server failed', error);
        endSession();
      },
    );
  }, [api, session]);
  if (session === 'unknown') return <p className="hint session-check">{t('checkingSession')}</p>;
  if (session === 'out') return <LoginPage />;
  if (session.mustChangePassword) return <PasswordPage />;
  return <>{children}</>;
}
