import type { Kysely } from 'kysely';
import { deleteCookie } from 'hono/cookie';
import { countFailure, refusedAddress, type AuthLimits } from '../../auth/authenticate.middleware.js';
import { decoyHash, verifyPassword } from '../../auth/password.js';
import { cookieMayBeSecure, SESSION_COOKIE, setSessionCookie } from '../../auth/session-cookie.js';
import { createSession, deleteSession, deleteUserSessions, SESSION_ABSOLUTE_MS } from '../../auth/sessions.repository.js';
import { findUserByName, getUser, setPassword, userView } from '../../auth/users.repository.js';
import type { Database } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import type { Context } from 'hono';
import * as routes from './auth.routes.js';

/** Whether the request reached us over HTTPS (directly, or as a trusted proxy says). */
export type SecureRequest = (c: Context<AppEnv>) => boolean;

/** POST /auth/login, GET /auth/session, POST /auth/logout, PUT /auth/password: a person's own session. */
export function authRouter(db: Kysely<Database>, limits: AuthLimits, secureRequest: SecureRequest) {
  const router = createRouter();
  let warnedInsecure = false;

  router.openapi(routes.login, async (c) => {
    const address = limits.addressOf(c);
    const refused = refusedAddress(c, limits, address);
    if (refused) return refused as never;
    const { username, password } = c.req.valid('json');
    // For the audit log: who tried (the name as typed; there is no actor before the login).
    c.set('audit', { actor: { kind: 'user', name: username } });
    const user = await findUserByName(db, username);
    // An unknown name costs a hash like a wrong password: the timing tells no one which names exist.
    const valid = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
    if (!user || !valid) {
      countFailure(limits, address);
      throw new AppError('unauthorized', say({ de: 'Benutzername oder Passwort ist falsch', en: 'wrong user name or password' }));
    }
    const created = await createSession(db, user.id, address);
    c.set('audit', { actor: { kind: 'user', name: user.username, role: user.role, userId: user.id, via: 'password' } });
    const secure = cookieMayBeSecure(c, secureRequest(c));
    if (!secure && !warnedInsecure) {
      warnedInsecure = true;
      console.warn('[auth] a login over plain HTTP from another host: the session cookie cannot be Secure there; serve HTTPS (or put a proxy with TLS in front)');
    }
    setSessionCookie(c, created.id, new Date(Date.now() + SESSION_ABSOLUTE_MS).toISOString(), secure);
    const view = userView(user);
    return c.json({ kind: 'user' as const, name: view.username, role: view.role, user: view, csrfToken: created.csrfToken, expiresAt: created.expiresAt }, 200);
  });

  router.openapi(routes.session, async (c) => {
    const actor = c.get('actor');
    if (actor.kind !== 'user' || !actor.userId || !actor.session) return c.json({ kind: actor.kind, name: actor.name, role: actor.role }, 200);
    const user = await getUser(db, actor.userId);
    if (!user) throw new AppError('unauthorized', say({ de: 'Diesen Benutzer gibt es nicht mehr', en: 'this user no longer exists' }));
    return c.json({ kind: 'user' as const, name: actor.name, role: actor.role, user: userView(user), csrfToken: actor.session.csrfToken }, 200);
  });

  router.openapi(routes.logout, async (c) => {
    const actor = c.get('actor');
    if (actor.session) await deleteSession(db, actor.session.idHash);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  router.openapi(routes.changePassword, async (c) => {
    const actor = c.get('actor');
    if (!actor.userId || !actor.session) {
      throw new AppError('forbidden', say({ de: 'Nur eine angemeldete Person hat ein Passwort; ein Token nicht', en: 'only a logged-in person has a password; a token does not' }));
    }
    const user = await getUser(db, actor.userId);
    const { currentPassword, newPassword } = c.req.valid('json');
    if (!user || !(await verifyPassword(currentPassword, user.password_hash))) {
      countFailure(limits, actor.address);
      const message = say({ de: 'Das jetzige Passwort ist falsch', en: 'the current password is wrong' });
      throw new AppError('validation', message, { issues: [{ path: 'currentPassword', message }] });
    }
    if (newPassword === currentPassword) {
      const message = say({ de: 'Das neue Passwort muss ein anderes sein', en: 'the new password must differ from the current one' });
      throw new AppError('validation', message, { issues: [{ path: 'newPassword', message }] });
    }
    await setPassword(db, user.id, newPassword, false);
    await deleteUserSessions(db, user.id, actor.session.idHash);
    return c.body(null, 204);
  });
  return router;
}
