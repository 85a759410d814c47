/**
 * The little of ari-client 2.2.0 (untyped, swagger-generated) that the adapter calls. Operations
 * take one options object and return a promise; HTTP errors reject with `Error(<response body>)`,
 * the status is lost.
 */
declare module 'ari-client' {
  import type { EventEmitter } from 'node:events';

  type Operation = (options?: Record<string, unknown>) => Promise<unknown>;

  export interface AriClientInstance extends EventEmitter {
    channels: Record<
      'answer' | 'hangup' | 'play' | 'setChannelVar' | 'getChannelVar' | 'continueInDialplan' | 'originate' | 'list',
      Operation
    >;
    playbacks: Record<'stop', Operation>;
    applications: Record<'subscribe' | 'unsubscribe' | 'filter' | 'list', Operation>;
    events: Record<'userEvent', Operation>;
    start(apps: string | string[], subscribeAll?: boolean): Promise<void>;
    stop(): void;
    ping(): void;
    /** ari-client's current event socket (ws 6); private, used to detect and force a drop. */
    _ws?: { terminate(): void; readyState: number };
  }

  export function connect(baseUrl: string, user: string, pass: string): Promise<AriClientInstance>;
  const ari: { connect: typeof connect };
  export default ari;
}
