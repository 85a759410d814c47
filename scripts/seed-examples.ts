/**
 * First start of `npm start`: loads the example flows and the resources they need (extensions
 * 1000-1003 with mailboxes, the queue `support`, room 8000) through the server's own API, then
 * publishes. Does nothing when the server already has flows. Prints the generated SIP secrets once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.SERVER_URL ?? 'http://127.0.0.1:8090';
const token = readFileSync(join(process.env.DATA_DIR ?? '.data', 'admin-token'), 'utf8').trim();

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const flows = await api<unknown[]>('GET', '/flows');
if (flows.length > 0) {
  console.log(`[seed] the server has ${flows.length} flows already; examples not loaded`);
  process.exit(0);
}

const team = { '1000': 'Zentrale', '1001': 'Vertrieb', '1002': 'Support', '1003': 'Buchhaltung' };
for (const [id, name] of Object.entries(team)) {
  const ext = await api<{ secret: string }>('POST', '/extensions', {
    id,
    name,
    callerId: `${name} <${id}>`,
    voicemail: { enabled: true, pin: '4711' },
  });
  console.log(`[seed] extension ${id} (${name}): SIP password ${ext.secret}`);
}
await api('POST', '/queues', { id: 'support', name: 'Support', strategy: 'ringall', members: ['1002'], maxWaitSeconds: 120 });
await api('POST', '/conferences', { id: '8000', name: 'Konferenzraum 8000' });

const dir = join(import.meta.dirname, '..', 'examples');
const documents = readdirSync(dir)
  .filter((f) => f.endsWith('.flow.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string });
for (const doc of documents) await api('POST', '/flows/import', doc);
for (const doc of documents) await api('POST', `/flows/${doc.id}/versions`);
const result = await api<{ outcome: string }>('POST', '/publish');
console.log(`[seed] ${documents.length} example flows published (${result.outcome}): ${documents.map((d) => d.id).join(', ')}`);
