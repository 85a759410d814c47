/**
 * Keys as RFC 4733 telephone-events, written as pcap files for sipp's `play_pcap_audio` (sipp
 * 3.6.1, Debian's sip-tester, has no DTMF action of its own). One call's key groups form one RTP
 * stream: one SSRC, sequence numbers and timestamps that go on from group to group, so Asterisk
 * never takes a later group's events for repeats of an earlier one. sipp sends each packet's UDP
 * payload as it is, only the ports rewritten, at the capture's pace.
 */

/** The event code of a key (RFC 4733 section 3.2): 0-9, then * and #. */
const EVENT_OF: Record<string, number> = { '*': 10, '#': 11 };
const PTIME_MS = 20;
const SAMPLES_PER_PACKET = 160; // 20 ms at 8 kHz
/** Audio (u-law silence) before the keys: Asterisk's strict RTP learns the source from the first packets. */
const LEAD_IN_PACKETS = 8;
/** Each key is held 160 ms, then 100 ms of silence before the next (a phone's fast dialling). */
const KEY_PACKETS = 8;
const GAP_PACKETS = 5;
/** The end packet is sent three times (RFC 4733 section 2.5.1.4), as phones do. */
const END_REPEATS = 3;
export const EVENT_PAYLOAD_TYPE = 101;
const PCMU_SILENCE = 0xff;
const VOLUME = 10;

interface RtpPacket {
  at: number; // ms from the start of the file
  payloadType: number;
  marker: boolean;
  seq: number;
  timestamp: number;
  payload: Buffer;
}

/** Where one group ends, so the next one goes on from there. */
interface StreamState {
  seq: number;
  timestamp: number;
}

/** The events of `keys` (one group), continuing `state`. */
function groupPackets(keys: string, ssrcState: StreamState): RtpPacket[] {
  const packets: RtpPacket[] = [];
  let at = 0;
  const audio = (count: number) => {
    for (let i = 0; i < count; i++) {
      packets.push({ at, payloadType: 0, marker: false, seq: ssrcState.seq++, timestamp: ssrcState.timestamp, payload: Buffer.alloc(SAMPLES_PER_PACKET, PCMU_SILENCE) });
      ssrcState.timestamp += SAMPLES_PER_PACKET;
      at += PTIME_MS;
    }
  };
  audio(LEAD_IN_PACKETS);
  for (const key of keys) {
    const event = EVENT_OF[key] ?? Number(key);
    if (!Number.isInteger(event) || event < 0 || event > 11) throw new Error(`not a key: ${key}`);
    const start = ssrcState.timestamp;
    for (let i = 1; i <= KEY_PACKETS; i++) {
      packets.push({ at, payloadType: EVENT_PAYLOAD_TYPE, marker: i === 1, seq: ssrcState.seq++, timestamp: start, payload: eventPayload(event, false, i * SAMPLES_PER_PACKET) });
      at += PTIME_MS;
    }
    for (let i = 0; i < END_REPEATS; i++) {
      packets.push({ at, payloadType: EVENT_PAYLOAD_TYPE, marker: false, seq: ssrcState.seq++, timestamp: start, payload: eventPayload(event, true, (KEY_PACKETS + 1) * SAMPLES_PER_PACKET) });
    }
    at += PTIME_MS;
    ssrcState.timestamp = start + (KEY_PACKETS + 1) * SAMPLES_PER_PACKET;
    audio(GAP_PACKETS);
  }
  return packets;
}

/** RFC 4733 section 2.3: event, E bit and volume, duration in timestamp units. */
function eventPayload(event: number, end: boolean, duration: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt8(event, 0);
  payload.writeUInt8((end ? 0x80 : 0) | VOLUME, 1);
  payload.writeUInt16BE(duration & 0xffff, 2);
  return payload;
}

/** A classic pcap file (link type Ethernet) of the packets as UDP/IPv4 to `DST_PORT`; sipp rewrites the ports and sends the UDP payload. */
function pcapFile(packets: RtpPacket[], ssrc: number): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // DLT_EN10MB
  const records = packets.map((p) => {
    const rtp = Buffer.alloc(12);
    rtp.writeUInt8(0x80, 0);
    rtp.writeUInt8((p.marker ? 0x80 : 0) | p.payloadType, 1);
    rtp.writeUInt16BE(p.seq & 0xffff, 2);
    rtp.writeUInt32BE(p.timestamp >>> 0, 4);
    rtp.writeUInt32BE(ssrc >>> 0, 8);
    const udpLength = 8 + rtp.length + p.payload.length;
    const frame = Buffer.alloc(14 + 20 + udpLength);
    frame.writeUInt16BE(0x0800, 12); // IPv4
    frame.writeUInt8(0x45, 14);
    frame.writeUInt16BE(20 + udpLength, 16);
    frame.writeUInt8(64, 22); // TTL
    frame.writeUInt8(17, 23); // UDP
    frame.writeUInt32BE(0x7f000001, 26);
    frame.writeUInt32BE(0x7f000001, 30);
    frame.writeUInt16BE(SRC_PORT, 34);
    frame.writeUInt16BE(DST_PORT, 36);
    frame.writeUInt16BE(udpLength, 38);
    rtp.copy(frame, 42);
    p.payload.copy(frame, 54);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(p.at / 1000), 0);
    record.writeUInt32LE((p.at % 1000) * 1000, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}
const SRC_PORT = 6000;
const DST_PORT = 6000;

/**
 * One pcap file per key group of a call, in order; `slots` files in all (the scenario names a
 * fixed number), the unused ones a single silent packet each.
 */
export function keyGroupFiles(groups: readonly string[], slots: number, ssrc: number): Buffer[] {
  if (groups.length > slots) throw new Error(`${groups.length} key groups, the scenario has ${slots}`);
  const state: StreamState = { seq: ssrc & 0x7fff, timestamp: (ssrc * 7919) >>> 0 };
  return Array.from({ length: slots }, (_, i) => {
    const keys = groups[i];
    const packets = keys === undefined ? groupPackets('', { ...state }).slice(0, 1) : groupPackets(keys, state);
    return pcapFile(packets, ssrc);
  });
}

/** A part of a talking call: `audioMs` of the given audio, or a key group (160 ms of silence first, as above). */
export type TalkPart = { audioMs: number } | { keys: string };

/**
 * One pcap of a caller who talks and presses keys in turn, as one RTP stream: audio parts loop
 * `audio` (raw u-law at 8 kHz), key parts are RFC 4733 events as in the key groups.
 */
export function talkFile(parts: readonly TalkPart[], audio: Buffer, ssrc: number): Buffer {
  const state: StreamState = { seq: ssrc & 0x7fff, timestamp: (ssrc * 7919) >>> 0 };
  const packets: RtpPacket[] = [];
  let offset = 0;
  let sample = 0;
  for (const part of parts) {
    if ('keys' in part) {
      const group = groupPackets(part.keys, state);
      for (const p of group) packets.push({ ...p, at: p.at + offset });
      offset += (group.at(-1)?.at ?? 0) + PTIME_MS;
      continue;
    }
    for (let t = 0; t < part.audioMs; t += PTIME_MS) {
      const payload = Buffer.alloc(SAMPLES_PER_PACKET);
      for (let i = 0; i < SAMPLES_PER_PACKET; i++) payload[i] = audio[sample++ % audio.length]!;
      packets.push({ at: offset, payloadType: 0, marker: false, seq: state.seq++, timestamp: state.timestamp, payload });
      state.timestamp += SAMPLES_PER_PACKET;
      offset += PTIME_MS;
    }
  }
  return pcapFile(packets, ssrc);
}

/** How long `talkFile(parts, ...)` plays, in ms. */
export function talkMs(parts: readonly TalkPart[]): number {
  return parts.reduce((ms, part) => ms + ('keys' in part ? (LEAD_IN_PACKETS + part.keys.length * (KEY_PACKETS + 1 + GAP_PACKETS)) * PTIME_MS : Math.ceil(part.audioMs / PTIME_MS) * PTIME_MS), 0);
}
