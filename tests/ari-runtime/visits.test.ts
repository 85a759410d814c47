/**
 * Node visits from both engines into one VisitSink, on the real Asterisk: musterfirma runs in the
 * dialplan (compiled with its version, read by DialplanVisitSource), customer-lookup runs in the
 * ARI runtime, whose HTTP request node asks a local web service on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Flow } from '@stumpfworks/flow';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AriClientAdapter, DialplanVisitSource, MemoryLogger, MemoryVisitSink, type Runtime } from '../../packages/ari-runtime/src/index.js';
import type { AriClient } from '../support/ari.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { TestCall } from './call.js';
import { connectTestClient, loadExample, loadFlows, OPEN, runtimeCredentials, startTestRuntime } from './setup.js';
const availability = await detectAsterisk();

describeWithAsterisk(availability, 'visits of both engines in one sink; the HTTP request node in the ARI runtime', (asterisk) => {
  const sink = new MemoryVisitSink();
  const logger = new MemoryLogger();
  const requests: string[] = [];
  let server: Server;
  let ari: AriClient;
  let runtime: Runtime;
  let source: DialplanVisitSource;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"customer":{"tier":"vip","id":"4711"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const lookup = loadExample('customer-lookup', 'ari');
    const local: Flow = {
      ...lookup,
      nodes: lookup.nodes.map((n) => (n.type === 'HttpRequest' ? { ...n, params: { ...n.params, url: n.params.url.replace(/^https:\/\/[^/]+/, origin) } } : n)),
    };
    const flows = [loadExample('musterfirma', 'dialplan'), local];
    await loadFlows(asterisk, flows, { flowVersions: { musterfirma: 4 } });
    ari = await connectTestClient(asterisk);
    runtime = await startTestRuntime(asterisk, flows, { sink, logger, flowVersion: () => 7 });
    const adapter = new AriClientAdapter({ ...runtimeCredentials(asterisk), app: 'swf-visits-test', logger });
    source = new DialplanVisitSource({ adapter, sink, logger });
    await source.start();
  });

  afterAll(async () => {
    await source?.stop();
    await runtime?.stop();
    await ari?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('a dialplan call: DialplanVisitSource reports each visit with the compiled version and the menu key', async () => {
    const call = await TestCall.place(ari, 'dp-visits', '100', OPEN);
    await call.trace('SWFlowNode', 'main-menu');
    await call.pressAndAnswer('2', '1002', 300);
    await call.destroyed();
    const visits = sink.visits.filter((v) => v.callId === call.flowLeg);
    expect(visits.map((v) => v.nodeId)).toEqual(['start', 'hours', 'main-menu', 'support']);
    expect(visits.every((v) => v.flowId === 'musterfirma' && v.flowVersion === 4 && !Number.isNaN(Date.parse(v.time)))).toBe(true);
    expect(visits[3]).toMatchObject({ digits: '2' });
    expect(visits.slice(0, 3).some((v) => 'digits' in v)).toBe(false);
  });

  it('an ARI call: the runtime asks the web service, maps the answer, dials the VIP line, and reports its visits to the same sink', async () => {
    const call = await TestCall.place(ari, 'ari-http', '600', OPEN);
    const target = await call.dialed('1001', { timeoutMs: 20_000 });
    expect(requests.at(-1)).toBe('/api/customers?phone=017612345678');
    await call.answerAndHold(target, 300);
    const end = await call.trace('SWFlowEnd');
    expect(end.userevent).toMatchObject({ flow: 'customer-lookup', node: 'key-account', outcome: 'connected' });
    await call.destroyed();
    const visits = sink.visits.filter((v) => v.callId === call.flowLeg);
    expect(visits.map((v) => `${v.flowId}/${v.nodeId}@${v.flowVersion}`)).toEqual([
      'customer-lookup/start@7',
      'customer-lookup/notice@7',
      'customer-lookup/lookup@7',
      'customer-lookup/is-vip@7',
      'customer-lookup/key-account@7',
    ]);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
