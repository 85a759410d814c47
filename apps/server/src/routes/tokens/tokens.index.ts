import type { Kysely } from 'kysely';
import { insertToken, listTokens, newToken, revokeToken } from '../../auth/tokens.repository.js';
import type { Database } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import * as routes from './tokens.routes.js';

/** /tokens: named API tokens with a role, shown once, listed with their last use, revocable. */
export function tokensRouter(db: Kysely<Database>, forget: (tokenHash: string) => void) {
  const router = createRouter();
  router.openapi(routes.listTokens, async (c) => c.json(await listTokens(db), 200));
  router.openapi(routes.createToken, async (c) => {
    const { name, role } = c.req.valid('json');
    const token = newToken();
    const view = await insertToken(db, name, token, { role, createdBy: c.get('actor').name });
    return c.json({ ...view, token }, 201);
  });
  router.openapi(routes.revokeToken, async (c) => {
    const { id } = c.req.valid('param');
    const hash = await revokeToken(db, id);
    if (!hash) throw new AppError('not-found', say({ de: `Das Token „${id}“ gibt es nicht`, en: `no token "${id}"` }));
    forget(hash); // the verifier's cache would otherwise accept it for up to 10 s more
    return c.body(null, 204);
  });
  return router;
}
