import type { Kysely } from 'kysely';
import { getAssignment, setAssignment, type Assignment } from '../../auth/operator-scope.js';
import { deleteUserSessions } from '../../auth/sessions.repository.js';
import { countAdmins, deleteUser, getUser, insertUser, listUsers, setPassword, setRole, userView } from '../../auth/users.repository.js';
import type { Database } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { noSuch } from '../../resources/resource-names.js';
import { getResource } from '../../resources/resources.repository.js';
import * as routes from './users.routes.js';

const noSuchUser = (id: string) => say({ de: `Den Benutzer „${id}“ gibt es nicht`, en: `no user "${id}"` });
const lastAdmin = () =>
  say({ de: 'Der letzte Admin bleibt Admin: Zuerst einen anderen Benutzer zum Admin machen', en: 'the last admin stays admin: make another user admin first' });

/** /users: the admin's list of people, their roles and password resets. */
export function usersRouter(db: Kysely<Database>) {
  const router = createRouter();
  const mustGet = async (id: string) => {
    const user = await getUser(db, id);
    if (!user) throw new AppError('not-found', noSuchUser(id));
    return user;
  };

  router.openapi(routes.listUsers, async (c) => c.json((await listUsers(db)).map(userView), 200));

  router.openapi(routes.createUser, async (c) => {
    const { username, role, password } = c.req.valid('json');
    const created = await insertUser(db, { username, role, password, mustChangePassword: true });
    if (!created) throw new AppError('conflict', say({ de: `Den Benutzer „${username}“ gibt es schon`, en: `user "${username}" exists already` }));
    return c.json(userView(created), 201);
  });

  router.openapi(routes.updateUser, async (c) => {
    const { id } = c.req.valid('param');
    const { role, password } = c.req.valid('json');
    const user = await mustGet(id);
    if (role && role !== user.role) {
      if (user.role === 'admin' && (await countAdmins(db)) <= 1) throw new AppError('conflict', lastAdmin());
      await setRole(db, id, role);
    }
    if (password !== undefined) {
      await setPassword(db, id, password, true);
      await deleteUserSessions(db, id);
    }
    return c.json(userView(await mustGet(id)), 200);
  });

  router.openapi(routes.deleteUser, async (c) => {
    const { id } = c.req.valid('param');
    const user = await mustGet(id);
    if (c.get('actor').userId === id) {
      throw new AppError('conflict', say({ de: 'Das eigene Konto kann man nicht löschen', en: 'you cannot delete your own account' }));
    }
    if (user.role === 'admin' && (await countAdmins(db)) <= 1) throw new AppError('conflict', lastAdmin());
    await deleteUser(db, id); // its sessions go with it (foreign key, on delete cascade)
    return c.body(null, 204);
  });

  router.openapi(routes.getAssignment, async (c) => {
    const { id } = c.req.valid('param');
    await mustGet(id);
    return c.json(await getAssignment(db, id), 200);
  });

  router.openapi(routes.putAssignment, async (c) => {
    const { id } = c.req.valid('param');
    await mustGet(id);
    const wanted = c.req.valid('json');
    await refuseUnknown(db, wanted);
    const assignment = { queues: [...new Set(wanted.queues)].sort(), mailboxes: [...new Set(wanted.mailboxes)].sort() };
    await setAssignment(db, id, assignment);
    return c.json(assignment, 200);
  });
  return router;
}

/** 422 with the field path of every queue that does not exist and every mailbox that is no extension with voicemail. */
async function refuseUnknown(db: Kysely<Database>, wanted: Assignment): Promise<void> {
  const issues = [];
  for (const [index, queue] of wanted.queues.entries()) {
    if (!(await getResource(db, 'queue', queue))) issues.push({ path: `queues[${index}]`, message: noSuch('queue', queue) });
  }
  for (const [index, mailbox] of wanted.mailboxes.entries()) {
    const extension = await getResource<{ voicemail?: { enabled?: boolean } }>(db, 'extension', mailbox);
    if (!extension) issues.push({ path: `mailboxes[${index}]`, message: noSuch('extension', mailbox) });
    else if (extension.body.voicemail?.enabled !== true) {
      issues.push({ path: `mailboxes[${index}]`, message: say({ de: `Die Nebenstelle „${mailbox}“ hat keine Mailbox`, en: `extension "${mailbox}" has no voicemail box` }) });
    }
  }
  if (issues.length > 0) throw new AppError('validation', say({ de: 'Die Zuweisung ist nicht gültig', en: 'invalid assignment' }), { issues });
}
