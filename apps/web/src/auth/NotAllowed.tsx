import type { ReactNode } from 'react';
import { useAllowed, type Role } from '../api/session.js';
import { useI18n } from '../i18n.js';

/** Said where the URL names a page the role may not use (the nav does not offer it). */
export function NotAllowed() {
  const { t } = useI18n();
  return (
    <section className="admin-page" aria-label={t('notAllowed')}>
      <p className="error" role="alert" data-testid="not-allowed">
        {t('notAllowed')}
      </p>
    </section>
  );
}

/** Its children for a role that reaches `role`, else NotAllowed. */
export function RoleGate({ role, children }: { role: Role; children: ReactNode }) {
  return useAllowed(role) ? <>{children}</> : <NotAllowed />;
}
