import { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { AppDeps, AppEnv } from '../../http/app-env.js';
import type { Database } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { crudRouter } from '../../resources/crud.routes.js';
import { noSuch } from '../../resources/resource-names.js';
import { EMERGENCY_NUMBERS, EMERGENCY_ROUTE_ID } from '../../resources/emergency-route.js';
import { getResource, listBodies } from '../../resources/resources.repository.js';
import {
  InboundRouteInputSchema,
  InboundRouteSchema,
  OutboundRouteInputSchema,
  OutboundRouteSchema,
  patternKey,
  patternMatches,
  type InboundRoute,
  type OutboundRoute,
} from './call-routes.schema.js';

async function checkTrunks(db: Kysely<Database>, trunks: string[]): Promise<void> {
  const issues = [];
  for (const [index, id] of trunks.entries()) {
    if (!(await getResource(db, 'trunk', id))) issues.push({ path: `trunks[${index}]`, message: noSuch('trunk', id) });
  }
  if (issues.length > 0) throw new AppError('validation', say({ de: 'Unbekannte Leitungen', en: 'unknown trunks' }), { issues });
}

type Issue = { path: string; message: string };

/**
 * Patterns Asterisk would take as one and the same extension: twice in this route, in another
 * route, or (outbound) the emergency numbers, which always go to the emergency route.
 */
async function patternClashes(db: Kysely<Database>, kind: 'inbound-route' | 'outbound-route', id: string, patterns: string[], field: (index: number) => string): Promise<Issue[]> {
  const taken = new Map<string, string>();
  if (kind === 'outbound-route') for (const n of EMERGENCY_NUMBERS) taken.set(patternKey(n), EMERGENCY_ROUTE_ID);
  for (const other of await listBodies<{ id: string; patterns?: string[]; did?: string }>(db, kind)) {
    if (other.id === id) continue;
    for (const p of other.patterns ?? [other.did!]) taken.set(patternKey(p), other.id);
  }
  const issues: Issue[] = [];
  const own = new Map<string, number>();
  for (const [index, pattern] of patterns.entries()) {
    const key = patternKey(pattern);
    const owner = taken.get(key);
    if (own.has(key)) {
      issues.push({ path: field(index), message: say({ de: `Bedeutet dasselbe wie Eintrag ${own.get(key)! + 1}`, en: `means the same as entry ${own.get(key)! + 1}` }) });
    } else if (owner === EMERGENCY_ROUTE_ID) {
      issues.push({ path: field(index), message: say({ de: 'Die Notrufnummern 110 und 112 gehen immer über die Notruf-Route', en: 'the emergency numbers 110 and 112 always go through the emergency route' }) });
    } else if (owner) {
      issues.push({ path: field(index), message: say({ de: `Schon in der Route „${owner}“ vergeben`, en: `already used by route "${owner}"` }) });
    }
    own.set(key, index);
  }
  return issues;
}

/** /routes/inbound (DID -> flow or extension) and /routes/outbound (patterns -> trunks). */
export function callRoutesRouter(deps: Pick<AppDeps, 'db'>) {
  const router = new OpenAPIHono<AppEnv>();
  router.route(
    '/',
    crudRouter(deps.db, {
      kind: 'inbound-route',
      path: 'routes/inbound',
      tag: 'Routes',
      input: InboundRouteInputSchema,
      output: InboundRouteSchema,
      prepare: async (input, db): Promise<InboundRoute> => {
        const kind = input.target.type === 'flow' ? null : 'extension';
        const exists = kind
          ? await getResource(db, kind, input.target.id)
          : await db.selectFrom('flows').select('id').where('id', '=', input.target.id).executeTakeFirst();
        if (!exists) {
          throw new AppError('validation', say({ de: 'Unbekanntes Ziel', en: 'unknown target' }), {
            issues: [{ path: 'target.id', message: noSuch(input.target.type, input.target.id) }],
          });
        }
        if (input.consentPrompt && !(await getResource(db, 'prompt', input.consentPrompt))) {
          throw new AppError('validation', say({ de: 'Unbekannte Ansage', en: 'unknown prompt' }), {
            issues: [{ path: 'consentPrompt', message: noSuch('prompt', input.consentPrompt) }],
          });
        }
        const clashes = await patternClashes(db, 'inbound-route', input.id, [input.did], () => 'did');
        if (clashes.length > 0) throw new AppError('validation', say({ de: 'Die Rufnummer ist schon vergeben', en: 'the number is taken' }), { issues: clashes });
        return input;
      },
    }),
  );
  router.route(
    '/',
    crudRouter(deps.db, {
      kind: 'outbound-route',
      path: 'routes/outbound',
      tag: 'Routes',
      input: OutboundRouteInputSchema,
      output: OutboundRouteSchema,
      prepare: async (input, db): Promise<OutboundRoute> => {
        await checkTrunks(db, input.trunks);
        if (input.id === EMERGENCY_ROUTE_ID) {
          // Only the trunk order of the emergency route can change.
          return { ...input, name: input.name, patterns: [...EMERGENCY_NUMBERS], block: false, strip: 0, prepend: '' };
        }
        if (input.block) {
          const numbers = EMERGENCY_NUMBERS.join('/');
          const message = say({ de: `Würde die Notrufnummern ${numbers} sperren`, en: `would block the emergency numbers ${numbers}` });
          const issues = input.patterns.flatMap((p, index) => (EMERGENCY_NUMBERS.some((n) => patternMatches(p, n)) ? [{ path: `patterns[${index}]`, message }] : []));
          if (issues.length > 0) {
            throw new AppError('validation', say({ de: 'Notrufnummern können nicht gesperrt werden', en: 'emergency numbers cannot be blocked' }), { issues });
          }
        }
        const clashes = await patternClashes(db, 'outbound-route', input.id, input.patterns, (index) => `patterns[${index}]`);
        if (clashes.length > 0) throw new AppError('validation', say({ de: 'Muster sind schon vergeben', en: 'patterns are taken' }), { issues: clashes });
        return input;
      },
      beforeDelete: (id) => {
        if (id === EMERGENCY_ROUTE_ID) {
          throw new AppError('forbidden', say({ de: 'Die Notruf-Route (110, 112) kann nicht gelöscht werden', en: 'the emergency route (110, 112) cannot be deleted' }));
        }
      },
    }),
  );
  return router;
}
