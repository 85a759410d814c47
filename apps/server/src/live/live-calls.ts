import type { AmiPacket } from '../asterisk/ami.js';

/** A party of a call: what Asterisk has as its number and name (plain text, never interpreted). */
export interface Party {
  number: string;
  name: string;
}

/** Where a call is in a flow: the last node visit either engine reported for one of its channels. */
export interface CallNode {
  flowId: string;
  flowVersion: number;
  nodeId: string;
}

export type CallState = 'ringing' | 'up' | 'queue' | 'ivr' | 'hold';

/** One live call: the channels Asterisk links by LINKEDID, seen from its first channel (the caller's). */
export interface LiveCall {
  /** Asterisk's LINKEDID (the call_history key). */
  id: string;
  /** The caller's channel: its UNIQUEID (the ARI channel id the hang-up and transfer routes take) and its name. */
  channel: string;
  channelName: string;
  caller: Party;
  /** The other side: the caller's connected line once known, else the number the caller dialled. */
  other: Party;
  state: CallState;
  /** When the caller's channel was made (epoch ms), for the duration. */
  startedAt: number;
  node?: CallNode;
  /** The queue the caller waits in. */
  queue?: string;
  /** How many channels the call has now (with its Local channels). */
  channels: number;
}

interface Channel {
  id: string;
  name: string;
  linkedid: string;
  /** Asterisk's ChannelStateDesc: Down, Ring, Ringing, Up, Busy ... */
  state: string;
  caller: Party;
  connected: Party;
  exten: string;
  createdAt: number;
  bridge?: string;
  dialing: boolean;
  hold: boolean;
  queue?: string;
  node?: CallNode & { at: number };
}

/** Visits that arrive before their channel's Newchannel (another socket) wait here, at most this many. */
const MAX_EARLY_VISITS = 500;

/** Asterisk's placeholder for an empty caller id in AMI events. */
const text = (value: string | undefined) => (value === undefined || value === '<unknown>' ? '' : value);

/** `HH:MM:SS` (CoreShowChannel's Duration) in ms. */
function durationMs(duration: string | undefined): number {
  const parts = (duration ?? '').split(':').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) return 0;
  return ((parts[0]! * 60 + parts[1]!) * 60 + parts[2]!) * 1000;
}

/**
 * The live calls, kept from AMI's call events (Newchannel, Newstate, NewCallerid,
 * NewConnectedLine, DialBegin/End, BridgeEnter/Leave, Hold/Unhold, Hangup) and the agent class's
 * QueueCallerJoin/Leave, plus the node visits of both engines. Pure: `apply` returns the LINKEDIDs
 * whose view changed; `call(id)` gives a call's view now (undefined once it ended).
 */
export class LiveCalls {
  private readonly channels = new Map<string, Channel>();
  private readonly byCall = new Map<string, Set<string>>();
  private readonly bridges = new Map<string, Set<string>>();
  private readonly earlyVisits = new Map<string, CallNode & { at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts over from CoreShowChannel events (a fresh AMI login); returns nothing: every client gets a new snapshot. */
  reset(listed: AmiPacket[]): void {
    this.channels.clear();
    this.byCall.clear();
    this.bridges.clear();
    for (const p of listed) {
      if (p.Event !== 'CoreShowChannel' || !p.Uniqueid || !p.Linkedid) continue;
      const channel = this.upsert(p, '', this.now() - durationMs(p.Duration));
      if (p.BridgeId) this.enterBridge(channel, p.BridgeId);
      const app = (p.Application ?? '').toLowerCase();
      if (app === 'queue') channel.queue = (p.ApplicationData ?? '').split(',')[0] || undefined;
      if (app === 'dial' && channel.state !== 'Up') channel.dialing = true;
    }
  }

  /** Applies one AMI event; returns the LINKEDIDs whose view changed. */
  apply(p: AmiPacket): string[] {
    const touched = new Set<string>();
    const event = p.Event;
    if (event === 'Hangup') {
      const channel = p.Uniqueid ? this.channels.get(p.Uniqueid) : undefined;
      if (channel) {
        this.remove(channel);
        touched.add(channel.linkedid);
      }
      return [...touched];
    }
    // Every channel event carries the channel's snapshot (DialBegin/End the dialled one's as Dest*).
    for (const prefix of ['', 'Dest']) {
      if (p[`${prefix}Uniqueid`] && p[`${prefix}Linkedid`] && p[`${prefix}Channel`]) {
        const before = this.channels.get(p[`${prefix}Uniqueid`]!)?.linkedid;
        const channel = this.upsert(p, prefix, this.now());
        if (before && before !== channel.linkedid) touched.add(before);
        touched.add(channel.linkedid);
      }
    }
    const channel = p.Uniqueid ? this.channels.get(p.Uniqueid) : undefined;
    if (!channel) return [...touched];
    switch (event) {
      case 'DialBegin':
        channel.dialing = true;
        break;
      case 'DialEnd':
        channel.dialing = false;
        break;
      case 'BridgeEnter':
        if (p.BridgeUniqueid) this.enterBridge(channel, p.BridgeUniqueid);
        for (const id of this.bridges.get(p.BridgeUniqueid ?? '') ?? []) touched.add(this.channels.get(id)?.linkedid ?? channel.linkedid);
        break;
      case 'BridgeLeave':
        for (const id of this.bridges.get(channel.bridge ?? '') ?? []) touched.add(this.channels.get(id)?.linkedid ?? channel.linkedid);
        this.leaveBridge(channel);
        break;
      case 'Hold':
        channel.hold = true;
        break;
      case 'Unhold':
        channel.hold = false;
        break;
      case 'QueueCallerJoin':
        channel.queue = p.Queue || undefined;
        break;
      case 'QueueCallerLeave':
      case 'QueueCallerAbandon':
        channel.queue = undefined;
        break;
    }
    return [...touched];
  }

  /** A node visit of either engine (`callId` is the channel's id); returns the LINKEDID it changed, if the channel is known. */
  visit(callId: string, node: CallNode): string | undefined {
    const at = this.now();
    const channel = this.channels.get(callId);
    if (!channel) {
      this.earlyVisits.delete(callId);
      this.earlyVisits.set(callId, { ...node, at });
      if (this.earlyVisits.size > MAX_EARLY_VISITS) this.earlyVisits.delete(this.earlyVisits.keys().next().value!);
      return undefined;
    }
    channel.node = { ...node, at };
    return channel.linkedid;
  }

  /** Every live call, oldest first. */
  all(): LiveCall[] {
    return [...this.byCall.keys()].map((id) => this.call(id)!).sort((a, b) => a.startedAt - b.startedAt);
  }

  /** The channel's LINKEDID, when it is live. */
  callOf(channelId: string): string | undefined {
    return this.channels.get(channelId)?.linkedid;
  }

  /** How many live channels an endpoint has (PJSIP channel names are `PJSIP/<endpoint>-<n>`). */
  channelsOf(endpoint: string): number {
    let n = 0;
    for (const channel of this.channels.values()) if (channel.name.startsWith(`PJSIP/${endpoint}-`)) n++;
    return n;
  }

  /** One call's view, or undefined when it has no channel left. */
  call(id: string): LiveCall | undefined {
    const members = [...(this.byCall.get(id) ?? [])].map((c) => this.channels.get(c)!);
    if (members.length === 0) return undefined;
    members.sort((a, b) => a.createdAt - b.createdAt);
    const first = members.find((c) => c.id === id) ?? members[0]!;
    const queue = members.find((c) => c.queue)?.queue;
    const node = members.filter((c) => c.node).sort((a, b) => b.node!.at - a.node!.at)[0]?.node;
    const bridged = members.some((c) => c.bridge && (this.bridges.get(c.bridge)?.size ?? 0) >= 2);
    const peer = members.find((c) => c !== first && c.caller.number && c.caller.number !== first.caller.number);
    // A Local channel's connected line is the caller again: then the number dialled says more.
    const connected = first.connected;
    const known = (connected.number || connected.name) && !(connected.number === first.caller.number && connected.name === first.caller.name);
    const other = known ? connected : peer ? peer.caller : { number: first.exten, name: '' };
    let state: CallState;
    if (members.some((c) => c.hold)) state = 'hold';
    else if (queue) state = 'queue';
    else if (bridged) state = 'up';
    else if (members.some((c) => c.dialing || c.state === 'Ring' || c.state === 'Ringing')) state = 'ringing';
    else if (node) state = 'ivr';
    else state = first.state === 'Up' ? 'up' : 'ringing';
    return {
      id,
      channel: first.id,
      channelName: first.name,
      caller: first.caller,
      other,
      state,
      startedAt: first.createdAt,
      ...(node ? { node: { flowId: node.flowId, flowVersion: node.flowVersion, nodeId: node.nodeId } } : {}),
      ...(queue ? { queue } : {}),
      channels: members.length,
    };
  }

  private upsert(p: AmiPacket, prefix: string, createdAt: number): Channel {
    const id = p[`${prefix}Uniqueid`]!;
    const linkedid = p[`${prefix}Linkedid`]!;
    let channel = this.channels.get(id);
    if (!channel) {
      channel = { id, name: '', linkedid, state: '', caller: { number: '', name: '' }, connected: { number: '', name: '' }, exten: '', createdAt, dialing: false, hold: false };
      this.channels.set(id, channel);
      const early = this.earlyVisits.get(id);
      if (early) {
        channel.node = early;
        this.earlyVisits.delete(id);
      }
    } else if (channel.linkedid !== linkedid) {
      this.byCall.get(channel.linkedid)?.delete(id);
      if (this.byCall.get(channel.linkedid)?.size === 0) this.byCall.delete(channel.linkedid);
    }
    channel.linkedid = linkedid;
    if (!this.byCall.has(linkedid)) this.byCall.set(linkedid, new Set());
    this.byCall.get(linkedid)!.add(id);
    channel.name = p[`${prefix}Channel`] ?? channel.name;
    channel.state = p[`${prefix}ChannelStateDesc`] ?? channel.state;
    channel.caller = { number: text(p[`${prefix}CallerIDNum`]), name: text(p[`${prefix}CallerIDName`]) };
    channel.connected = { number: text(p[`${prefix}ConnectedLineNum`]), name: text(p[`${prefix}ConnectedLineName`]) };
    if (p[`${prefix}Exten`] !== undefined && channel.exten === '') channel.exten = p[`${prefix}Exten`]!;
    return channel;
  }

  private remove(channel: Channel): void {
    this.leaveBridge(channel);
    this.channels.delete(channel.id);
    const members = this.byCall.get(channel.linkedid);
    members?.delete(channel.id);
    if (members?.size === 0) this.byCall.delete(channel.linkedid);
  }

  private enterBridge(channel: Channel, bridge: string): void {
    this.leaveBridge(channel);
    channel.bridge = bridge;
    if (!this.bridges.has(bridge)) this.bridges.set(bridge, new Set());
    this.bridges.get(bridge)!.add(channel.id);
  }

  private leaveBridge(channel: Channel): void {
    if (!channel.bridge) return;
    const members = this.bridges.get(channel.bridge);
    members?.delete(channel.id);
    if (members?.size === 0) this.bridges.delete(channel.bridge);
    channel.bridge = undefined;
  }
}
