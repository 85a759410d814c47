import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../../http/app-env.js';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../http/openapi.js';
import { readSection, SETTINGS_SECTIONS, writeSection, type SettingsSection } from '../../settings/index.js';
import { allow } from '../../auth/roles.js';

/** GET and PUT /settings/<section> for every section: a section nobody saved reads as its defaults. */
export function settingsRouter({ db }: Pick<AppDeps, 'db'>, sections: SettingsSection[] = SETTINGS_SECTIONS) {
  const router = createRouter();
  for (const section of sections) {
    const path = `/settings/${section.id}`;
    const tags = ['Settings'];
    router.openapi(
      createRoute({ ...allow('admin'), method: 'get', path, tags, summary: section.label.en, responses: { 200: jsonResponse(section.schema, section.label.en), ...errorResponses() } }),
      async (c) => c.json((await readSection(db, section)) as never, 200),
    );
    router.openapi(
      createRoute({ ...allow('admin'),
        method: 'put',
        path,
        tags,
        summary: section.label.en,
        request: { body: jsonBody(section.schema) },
        responses: { 200: jsonResponse(section.schema, 'Saved; a publish applies it'), ...errorResponses(422) },
      }),
      async (c) => {
        const valid = c.req.valid('json' as never);
        const value = section.complete ? await section.complete(valid) : valid;
        await writeSection(db, section, value);
        return c.json(value as never, 200);
      },
    );
  }
  return router;
}
