/**
 * The parity suite's web service for the HTTP request node: a server on 127.0.0.1 (a free port)
 * that answers each call as its path says. A path's HTTP tokens (`http:200:{...}`, `http:500`,
 * `http:failure`, `http:timeout`) are registered under the call's caller ID, which the request
 * carries (`${CALLERID}` in the URL or body); each request takes the next token of that caller.
 * `failure` closes the connection without an answer; `timeout` never answers (the node's timeout
 * ends it). The flows' HTTP URLs are pointed at this server (`rewrite`). Each call's requests are
 * recorded as they arrived (method, path with query, body) for the side-effect comparison.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpTokenResult, type HttpResult } from '@stumpfworks/engine';
import type { Flow } from '@stumpfworks/flow';
import type { RecordedRequest } from './hostile-service.js';

/** How the server answered a request: with a status and body, by closing the connection, or never. */
export type AnswerKind = HttpResult['kind'];

export const isHttpToken = (token: string): boolean => httpTokenResult(token) !== undefined;

export class ParityHttpServer {
  private readonly expected = new Map<string, string[]>();
  private readonly problems = new Map<string, string[]>();
  private readonly requests = new Map<string, RecordedRequest[]>();
  private readonly answers = new Map<string, AnswerKind[]>();
  private readonly held = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<ParityHttpServer> {
    let instance: ParityHttpServer | undefined;
    const server = createServer((request, response) => void instance!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    instance = new ParityHttpServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return instance;
  }

  /** The flows with every HTTP request node's scheme, host and port replaced by this server's. */
  rewrite(flows: Flow[]): Flow[] {
    return flows.map((flow) => ({
      ...flow,
      nodes: flow.nodes.map((node) =>
        node.type === 'HttpRequest' ? { ...node, params: { ...node.params, url: node.params.url.replace(/^https?:\/\/[^/]+/, this.origin) } } : node,
      ),
    }));
  }

  /** The HTTP tokens of one call's path, in order, for requests carrying `callerId`. */
  expect(callerId: string, tokens: string[]): void {
    this.expected.set(callerId, tokens.filter(isHttpToken));
    this.problems.delete(callerId);
    this.requests.set(callerId, []);
    this.answers.set(callerId, []);
  }

  /**
   * What went wrong for a call (requests without a token, tokens no request took) and the
   * requests it made and how each was answered, in order. Forgets the call.
   */
  finish(callerId: string): { problems: string[]; requests: RecordedRequest[]; answers: AnswerKind[] } {
    const left = this.expected.get(callerId) ?? [];
    const problems = [...(this.problems.get(callerId) ?? []), ...(left.length > 0 ? [`HTTP answers never asked for: ${left.join(',')}`] : [])];
    const requests = this.requests.get(callerId) ?? [];
    const answers = this.answers.get(callerId) ?? [];
    this.expected.delete(callerId);
    this.problems.delete(callerId);
    this.requests.delete(callerId);
    this.answers.delete(callerId);
    return { problems, requests, answers };
  }

  async close(): Promise<void> {
    for (const response of this.held) response.socket?.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const callerId = this.callerOf(request.url ?? '', body);
    if (callerId === undefined) {
      response.writeHead(400).end();
      return;
    }
    this.requests.get(callerId)!.push({ method: request.method ?? '', url: request.url ?? '', body });
    const token = this.expected.get(callerId)!.shift();
    const result = token === undefined ? undefined : httpTokenResult(token);
    if (!result) {
      this.problems.set(callerId, [...(this.problems.get(callerId) ?? []), `an HTTP request with no answer left in the path: ${request.method} ${request.url}`]);
      response.writeHead(500).end();
      return;
    }
    this.answers.get(callerId)!.push(result.kind);
    if (result.kind === 'failure') {
      request.socket.destroy();
    } else if (result.kind === 'timeout') {
      this.held.add(response);
      response.on('close', () => this.held.delete(response));
    } else {
      response.writeHead(result.status, { 'Content-Type': 'application/json' }).end(result.body);
    }
  }

  /** The registered caller ID among the request's query values and JSON string values. */
  private callerOf(url: string, body: string): string | undefined {
    const values = [...new URL(url, this.origin).searchParams.values(), ...jsonStrings(body)];
    return values.find((v) => this.expected.has(v));
  }
}

/** The string values of a JSON object body; none when the body is empty or not a JSON object. */
function jsonStrings(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  return parsed && typeof parsed === 'object' ? Object.values(parsed).filter((v): v is string => typeof v === 'string') : [];
}
