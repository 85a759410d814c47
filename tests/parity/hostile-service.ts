/**
 * The web service of the hostile-caller scenario, on 127.0.0.1 (a free port). Requests come to
 * `/hostile/<lane>/<first|second>?...`; each lane runs one call at a time, and the service answers
 * with that call's answers and records every request exactly as it arrived (method, path with
 * query, body), for comparison with what the simulator's `fillTemplate` produced.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the service answers a call's first and second request with. */
export interface HostileAnswers {
  first: { status: number; body: string };
  second: { status: number; body: string };
}

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  body: string;
}

const PATH = /^\/hostile\/(\d+)\/(first|second)(\?|$)/;

/** Which request of a call a URL (absolute or path only) is, or undefined for another URL. */
export function requestKind(url: string): 'first' | 'second' | undefined {
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  return PATH.exec(path)?.[2] as 'first' | 'second' | undefined;
}

export class HostileWebService {
  private readonly lanes = new Map<number, { answers: HostileAnswers; requests: RecordedRequest[] }>();
  /** Requests for no lane in use, or to an unknown path. */
  readonly stray: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<HostileWebService> {
    let instance: HostileWebService | undefined;
    const server = createServer((request, response) => void instance!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    instance = new HostileWebService(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return instance;
  }

  /** A lane's next call starts: its answers, and no requests yet. */
  begin(lane: number, answers: HostileAnswers): void {
    this.lanes.set(lane, { answers, requests: [] });
  }

  /** The requests of the lane's current call, in order of arrival. */
  requests(lane: number): RecordedRequest[] {
    return [...(this.lanes.get(lane)?.requests ?? [])];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = request.url ?? '';
    const match = PATH.exec(url);
    const lane = match ? this.lanes.get(Number(match[1])) : undefined;
    if (!match || !lane) {
      this.stray.push(`${request.method} ${url}`);
      response.writeHead(404).end();
      return;
    }
    lane.requests.push({ method: request.method ?? '', url, body: Buffer.concat(chunks).toString('utf8') });
    const answer = lane.answers[match[2] as 'first' | 'second'];
    response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
  }
}
