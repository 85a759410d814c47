import { AriConnection, type AriConnectionOptions } from './ari-connection.js';
import { AriRequests } from './ari-requests.js';
import type { RegistrationStatus } from './app-registration.js';
import type { AriAdapter, AriEvent, ConnectionState } from './types.js';

export type { AriCredentials } from './ari-connection.js';

export interface AriClientAdapterOptions extends AriConnectionOptions {
  /**
   * A REST request without an answer after this long fails (AriRequestError without a status), so
   * a call whose request Asterisk never answers takes its failure path instead of waiting for ever.
   * Default 30 s: a channel's commands wait behind its playback, which the runtime stops first.
   */
  requestTimeoutMs?: number;
}

/**
 * The ARI adapter over ari-client 2.2.0 (which only src/adapter/ imports): the connection
 * supervisor (AriConnection: reconnects, heartbeat, events) and the typed requests (AriRequests)
 * over the client it keeps.
 *
 * @example
 * const adapter = new AriClientAdapter({ url: 'http://127.0.0.1:8088/ari', user, password, app: 'stumpfworks', logger });
 * adapter.onEvent((e) => console.log(e.type));
 * await adapter.connect();
 */
export class AriClientAdapter extends AriRequests implements AriAdapter {
  private readonly connection: AriConnection;

  constructor(options: AriClientAdapterOptions) {
    const connection = new AriConnection(options);
    super(options.app, () => connection.client, options.requestTimeoutMs);
    this.connection = connection;
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  get registration(): RegistrationStatus {
    return this.connection.registrationStatus;
  }

  connect(): Promise<void> {
    return this.connection.connect();
  }

  async close(): Promise<void> {
    this.connection.close();
  }

  onEvent(listener: (event: AriEvent) => void): () => void {
    return this.connection.onEvent(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.connection.onConnection(listener);
  }

  /** Test hook: kills the event socket as a network failure would (ari-client then reconnects). */
  simulateNetworkDrop(): void {
    this.connection.simulateNetworkDrop();
  }
}
