/**
 * The ARI surface the runtime uses, typed. `AriClientAdapter` implements it over ari-client (the
 * only module that imports ari-client); `FakeAri` (src/testing) implements it for unit tests.
 */
import type { RegistrationStatus } from './app-registration.js';

/** The parts of an ARI Channel the runtime reads. */
export interface AriChannel {
  id: string;
  name: string;
  state: string;
  caller: { name: string; number: string };
  language?: string;
  /** e.g. `2026-11-26T06:31:30.181+0000`. */
  creationtime?: string;
  dialplan?: { context: string; exten: string; priority: number; app_name?: string; app_data?: string };
}

/** The events the runtime reacts to, with the fields it reads. */
export type AriEvent =
  | { type: 'StasisStart'; channel: AriChannel; args: string[] }
  | { type: 'StasisEnd'; channel: AriChannel }
  | { type: 'ChannelDtmfReceived'; channel: AriChannel; digit: string }
  | { type: 'ChannelHangupRequest'; channel: AriChannel }
  | { type: 'ChannelDestroyed'; channel: AriChannel }
  | { type: 'PlaybackFinished'; playback: { id: string; target_uri: string; state: string } }
  /** A dialplan `UserEvent()` (or `POST /events/user`) on a channel the app is subscribed to. */
  | { type: 'ChannelUserevent'; channel: AriChannel; eventname: string; userevent: Record<string, string>; timestamp?: string };

export type AriEventType = AriEvent['type'];

/**
 * Whether the app's events reach us, as the adapter reports it: `disconnected` while the event
 * socket is down, and also while another socket holds the app (ApplicationReplaced).
 */
export type ConnectionState = 'connected' | 'disconnected';

/** Named hangup reasons of DELETE /channels/{id}. */
export type HangupReason = 'normal' | 'busy' | 'congestion' | 'no_answer' | 'unallocated' | 'failure';

export interface OriginateRequest {
  endpoint: string;
  app?: string;
  appArgs?: string[];
  context?: string;
  extension?: string;
  priority?: number;
  callerId?: string;
  timeout?: number;
  variables?: Record<string, string>;
  channelId?: string;
  otherChannelId?: string;
}

/** Where `continueInDialplan` sends a channel. */
export interface DialplanTarget {
  context: string;
  extension: string;
  priority: number;
}

/** ARI answered with an error status, or could not be reached. `status` is the HTTP status if known. */
export class AriRequestError extends Error {
  readonly code = 'ARI_REQUEST';
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(`ARI ${operation} failed${status === undefined ? '' : ` (HTTP ${status})`}: ${message}`);
  }
}

/** The typed ARI operations and events of one Stasis app. */
export interface AriAdapter {
  readonly app: string;
  /** Connects (with backoff until it succeeds, or until `close`); resolves at the first connection. */
  connect(): Promise<void>;
  /** Closes the event socket for good. */
  close(): Promise<void>;
  readonly state: ConnectionState;
  /** Whether Asterisk has the app registered to us, and since when (see AppRegistration). */
  readonly registration: RegistrationStatus;
  /** Every event of the app; returns the unsubscribe function. */
  onEvent(listener: (event: AriEvent) => void): () => void;
  /** Connection state changes (each reconnect reports `connected` again). */
  onConnection(listener: (state: ConnectionState) => void): () => void;

  answer(channelId: string): Promise<void>;
  hangup(channelId: string, reason?: HangupReason): Promise<void>;
  /** Starts a playback with our own id; `PlaybackFinished` reports its end. */
  play(channelId: string, media: string, options: { playbackId: string; lang?: string }): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  setChannelVar(channelId: string, name: string, value: string): Promise<void>;
  /** A channel variable, or undefined when it is not set (ARI answers 404). */
  getChannelVar(channelId: string, name: string): Promise<string | undefined>;
  /** Leaves Stasis and goes on in the dialplan. */
  continueInDialplan(channelId: string, target: DialplanTarget): Promise<void>;
  originate(request: OriginateRequest): Promise<AriChannel>;
  listChannels(): Promise<AriChannel[]>;
  /** Keeps the app subscribed to a channel after it leaves Stasis (hand-overs), so its hangup is seen. */
  subscribeChannel(channelId: string): Promise<void>;
  unsubscribeChannel(channelId: string): Promise<void>;
  /**
   * Subscribes the app to every channel (`eventSource=channel:`) and lets only `eventTypes`
   * through (`PUT /applications/{app}/eventFilter`; ApplicationReplaced always passes), so it sees, e.g., the dialplan's UserEvents
   * of calls that never enter Stasis without every other channel event. Again after each reconnect.
   */
  watchAllChannels(eventTypes: AriEventType[]): Promise<void>;
  /** `POST /events/user/{name}`: a ChannelUserevent for `application`, with the channel as source. */
  userEvent(name: string, options: { application: string; channelId: string; variables: Record<string, string> }): Promise<void>;
}
