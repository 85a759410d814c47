/**
 * Shapes of the ARI objects and events the tests read, as Asterisk 22.10 sends them
 * (checked by tests/asterisk/*.test.ts; see docs/asterisk-notes.md). Only the fields we rely on
 * are typed; Asterisk sends more.
 */
import type { AriChannel as RuntimeAriChannel } from '../../packages/ari-runtime/src/index.js';

export interface AriCallerId {
  name: string;
  number: string;
}

export interface AriDialplanLocation {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

/**
 * The runtime adapter's channel, with the fields Asterisk 22 always sends made required.
 * `state` is one of Down, Rsrved, OffHook, Dialing, Ring, Ringing, Up, Busy, Dialing Offhook, Pre-ring, Unknown.
 */
export interface AriChannel extends RuntimeAriChannel {
  protocol_id: string;
  connected: AriCallerId;
  accountcode: string;
  dialplan: AriDialplanLocation;
  creationtime: string;
  language: string;
  channelvars?: Record<string, string>;
}

export interface AriBridge {
  id: string;
  technology: string;
  bridge_type: string;
  bridge_class: string;
  creator: string;
  name: string;
  channels: string[];
}

export interface AriEventBase {
  type: string;
  application: string;
  timestamp: string;
  asterisk_id?: string;
}

export interface StasisStartEvent extends AriEventBase {
  type: 'StasisStart';
  /** The Stasis() arguments (or the originate `appArgs`), split at commas. */
  args: string[];
  channel: AriChannel;
  replace_channel?: AriChannel;
}

export interface StasisEndEvent extends AriEventBase {
  type: 'StasisEnd';
  channel: AriChannel;
}

/**
 * `UserEvent(SWFlowNode,flow: f1,node: n1)` arrives as
 * `{ eventname: 'SWFlowNode', userevent: { eventname: 'SWFlowNode', flow: 'f1', node: 'n1' }, channel }`.
 */
export interface ChannelUsereventEvent extends AriEventBase {
  type: 'ChannelUserevent';
  eventname: string;
  userevent: Record<string, string>;
  channel?: AriChannel;
  bridge?: AriBridge;
}

export interface ChannelDialplanEvent extends AriEventBase {
  type: 'ChannelDialplan';
  channel: AriChannel;
  dialplan_app: string;
  dialplan_app_data: string;
}

export interface ChannelCreatedEvent extends AriEventBase {
  type: 'ChannelCreated';
  channel: AriChannel;
}

export interface ChannelDestroyedEvent extends AriEventBase {
  type: 'ChannelDestroyed';
  channel: AriChannel;
  cause: number;
  cause_txt: string;
}

export interface ChannelHangupRequestEvent extends AriEventBase {
  type: 'ChannelHangupRequest';
  channel: AriChannel;
  cause?: number;
  soft?: boolean;
}

export interface ChannelStateChangeEvent extends AriEventBase {
  type: 'ChannelStateChange';
  channel: AriChannel;
}

export interface ChannelEnteredBridgeEvent extends AriEventBase {
  type: 'ChannelEnteredBridge';
  bridge: AriBridge;
  channel: AriChannel;
}

export interface ChannelLeftBridgeEvent extends AriEventBase {
  type: 'ChannelLeftBridge';
  bridge: AriBridge;
  channel: AriChannel;
}

export interface ChannelVarsetEvent extends AriEventBase {
  type: 'ChannelVarset';
  variable: string;
  value: string;
  /** Absent for global variables. */
  channel?: AriChannel;
}

export interface ChannelDtmfReceivedEvent extends AriEventBase {
  type: 'ChannelDtmfReceived';
  digit: string;
  duration_ms: number;
  channel: AriChannel;
}

/** app_dial / app_queue progress; `dialstatus` is '' while ringing, then ANSWER, BUSY, ... */
export interface DialEvent extends AriEventBase {
  type: 'Dial';
  caller?: AriChannel;
  peer: AriChannel;
  dialstatus: string;
  dialstring?: string;
}

/** Every event type the tests wait for, by name. */
/** A playback as Asterisk reports it (`target_uri` is `channel:<id>` or `bridge:<id>`). */
export interface AriPlayback {
  id: string;
  media_uri: string;
  target_uri: string;
  language: string;
  state: string;
}

export interface PlaybackEvent extends AriEventBase {
  type: 'PlaybackStarted' | 'PlaybackFinished';
  playback: AriPlayback;
}

export interface AriEventMap {
  StasisStart: StasisStartEvent;
  StasisEnd: StasisEndEvent;
  ChannelUserevent: ChannelUsereventEvent;
  ChannelDialplan: ChannelDialplanEvent;
  ChannelCreated: ChannelCreatedEvent;
  ChannelDestroyed: ChannelDestroyedEvent;
  ChannelHangupRequest: ChannelHangupRequestEvent;
  ChannelStateChange: ChannelStateChangeEvent;
  ChannelEnteredBridge: ChannelEnteredBridgeEvent;
  ChannelLeftBridge: ChannelLeftBridgeEvent;
  ChannelVarset: ChannelVarsetEvent;
  ChannelDtmfReceived: ChannelDtmfReceivedEvent;
  Dial: DialEvent;
  PlaybackStarted: PlaybackEvent & { type: 'PlaybackStarted' };
  PlaybackFinished: PlaybackEvent & { type: 'PlaybackFinished' };
}

export type AriEventType = keyof AriEventMap;

/** Any event off the socket: a typed one, or another type with its fields untyped. */
export type AriEvent = AriEventMap[AriEventType] | (AriEventBase & Record<string, unknown>);

/** The channel an event is about, when it has one. */
export function channelOf(event: AriEvent): AriChannel | undefined {
  const channel = (event as { channel?: unknown }).channel;
  return channel && typeof channel === 'object' ? (channel as AriChannel) : undefined;
}
