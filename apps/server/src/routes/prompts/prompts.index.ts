import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from '../../http/app-env.js';
import { AppError } from '../../errors.js';
import { say } from '../../http/language.js';
import { createRouter } from '../../http/openapi.js';
import { existsAlready, noSuch } from '../../resources/resource-names.js';
import { deleteResource, getResource, insertResource, listResources, updateResource } from '../../resources/resources.repository.js';
import { convertUpload, synthesize } from '../../prompts/prompt-audio.js';
import * as routes from './prompts.routes.js';
import type { Prompt } from './prompts.schema.js';

/** /prompts: uploaded or synthesised announcements, stored as `<DATA_DIR>/prompts/<id>.wav`. */
export function promptsRouter({ db, dataDir }: Pick<AppDeps, 'db' | 'dataDir'>) {
  const router = createRouter();
  const dir = join(dataDir, 'prompts');
  const fileOf = (id: string) => join(dir, `${id}.wav`);
  const mustGet = async (id: string) => {
    const row = await getResource<Prompt>(db, 'prompt', id);
    if (!row) throw new AppError('not-found', noSuch('prompt', id));
    return row.body;
  };

  router.openapi(routes.list, async (c) => c.json((await listResources<Prompt>(db, 'prompt')).map((r) => r.body), 200));
  router.openapi(routes.get, async (c) => c.json(await mustGet(c.req.valid('param').id), 200));

  router.openapi(routes.tts, async (c) => {
    const input = c.req.valid('json');
    if (await getResource(db, 'prompt', input.id)) throw new AppError('conflict', existsAlready('prompt', input.id));
    mkdirSync(dir, { recursive: true });
    await synthesize(input.text, input.language, fileOf(input.id));
    const prompt: Prompt = { id: input.id, name: input.name, source: 'tts', language: input.language, text: input.text, bytes: statSync(fileOf(input.id)).size };
    await insertResource(db, 'prompt', prompt.id, prompt);
    return c.json(prompt, 201);
  });

  router.openapi(routes.upload, async (c) => {
    const { id } = c.req.valid('param');
    const { name } = c.req.valid('query');
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    const format = type === 'audio/mpeg' || type === 'audio/mp3' ? 'mp3' : type === 'audio/wav' || type === 'audio/x-wav' || type === 'audio/wave' ? 'wav' : undefined;
    if (!format) {
      throw new AppError('validation', say({ de: 'Dieses Audioformat wird nicht unterstützt', en: 'unsupported audio type' }), {
        issues: [{ path: 'content-type', message: say({ de: 'audio/wav oder audio/mpeg', en: 'audio/wav or audio/mpeg' }) }],
      });
    }
    const data = new Uint8Array(await c.req.arrayBuffer());
    if (data.byteLength === 0) {
      throw new AppError('validation', say({ de: 'Die hochgeladene Datei ist leer', en: 'empty upload' }), {
        issues: [{ path: '(body)', message: say({ de: 'Kein Audio', en: 'no audio' }) }],
      });
    }
    mkdirSync(dir, { recursive: true });
    await convertUpload(data, format, fileOf(id));
    const existing = await getResource<Prompt>(db, 'prompt', id);
    const prompt: Prompt = { id, name: name ?? existing?.body.name ?? id, source: 'upload', bytes: statSync(fileOf(id)).size };
    if (existing) await updateResource(db, 'prompt', id, prompt);
    else await insertResource(db, 'prompt', id, prompt);
    return c.json(prompt, 200);
  });

  router.openapi(routes.audio, async (c) => {
    const { id } = c.req.valid('param');
    await mustGet(id);
    return c.body(readFileSync(fileOf(id)), 200, { 'content-type': 'audio/wav' }) as never;
  });

  router.openapi(routes.remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteResource(db, 'prompt', id))) throw new AppError('not-found', noSuch('prompt', id));
    rmSync(fileOf(id), { force: true });
    return c.body(null, 204);
  });
  return router;
}
