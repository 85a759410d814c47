import { ROLES, type Role } from '../api/session.js';
import { useI18n, type TextKey } from '../i18n.js';

/** Each role's name in the UI language. */
export const ROLE_TEXT: Record<Role, TextKey> = { operator: 'roleOperator', editor: 'roleEditor', admin: 'roleAdmin' };

/** The roles as a select's options (the users' and the tokens' forms and the users' table). */
export function RoleOptions() {
  const { t } = useI18n();
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {t(ROLE_TEXT[r])}
    </option>
  ));
}
