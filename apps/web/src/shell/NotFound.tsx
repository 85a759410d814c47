import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n.js';
import { flowPath, NEW_FLOW } from './flow-url.js';

/** A URL the app has no page for. */
export function NotFound() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <section className="admin-page" aria-label={t('notFound')}>
      <h2>{t('notFound')}</h2>
      <p role="alert">
        <code>{pathname}</code>
      </p>
      <Link to={flowPath(NEW_FLOW)}>{t('navEditor')}</Link>
    </section>
  );
}
