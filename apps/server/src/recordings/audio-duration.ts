import { open } from 'node:fs/promises';

/**
 * How long a recording is, from the file itself: a WAV's header (its format's byte rate and its
 * data chunk's size), an MP3's frames (samples per frame over the sample rate). Not from the file
 * size: that assumes one format (8 kHz, 16 bit, mono, a 44-byte header), which a WAV in another
 * format or any MP3 breaks.
 */

/**
 * A WAV's duration from its first bytes (`bytes`, enough for its header) and its size, and whether
 * the header is complete: Asterisk writes the sizes into it only when it closes the file, so an open
 * one says 0. Undefined when it is no RIFF/WAVE with a format and a data chunk.
 */
export function wavFacts(bytes: Buffer, fileSize = bytes.length): { durationMs: number; complete: boolean } | undefined {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) byteRate = bytes.readUInt32LE(body + 8);
    if (id === 'data') {
      if (!byteRate) return undefined;
      const present = Math.max(0, fileSize - body);
      // Complete: the header states what is there. Otherwise (still open, or Asterisk died while
      // recording) count what is there, never more.
      const complete = size === present || (size < present && size > 0);
      return { durationMs: Math.round(((complete ? size : present) * 1000) / byteRate), complete };
    }
    at = body + size + (size % 2);
  }
  return undefined;
}

/** A WAV's duration from its header (wavFacts), or undefined when it is none. */
export function wavDurationMs(bytes: Buffer, fileSize = bytes.length): number | undefined {
  return wavFacts(bytes, fileSize)?.durationMs;
}

/** Bit rates (kbit/s) by index: MPEG-1 Layer III, and MPEG-2/2.5 Layer III. */
const BITRATES = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

interface Frame {
  length: number;
  samples: number;
  rate: number;
  mpeg1: boolean;
  mono: boolean;
}

/** The Layer III frame header at `at`, or undefined when there is none. */
function frameAt(bytes: Buffer, at: number): Frame | undefined {
  if (at + 4 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (bytes[at + 1]! >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (bytes[at + 1]! >> 1) & 3; // 1: Layer III
  const bitrateIndex = bytes[at + 2]! >> 4;
  const rateIndex = (bytes[at + 2]! >> 2) & 3;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const mpeg1 = version === 3;
  const rate = SAMPLE_RATES[version]![rateIndex]!;
  const bitrate = (mpeg1 ? BITRATES.v1 : BITRATES.v2)[bitrateIndex]! * 1000;
  const samples = mpeg1 ? 1152 : 576;
  const padding = (bytes[at + 2]! >> 1) & 1;
  const length = Math.floor((samples / 8) * bitrate / rate) + padding;
  return { length, samples, rate, mpeg1, mono: bytes[at + 3]! >> 6 === 3 };
}

/**
 * The duration of the MP3 in `bytes`: its Layer III frames' samples, without the Xing/Info frame an
 * encoder puts first (it holds no audio) and without the encoder delay and padding its LAME tag
 * states, as a decoder plays it. Undefined when no frame is found.
 */
export function mp3DurationMs(bytes: Buffer): number | undefined {
  let at = 0;
  if (bytes.toString('latin1', 0, 3) === 'ID3' && bytes.length >= 10) {
    // Syncsafe size (7 bits a byte), plus the 10-byte header.
    at = 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!);
  }
  let samples = 0;
  let rate = 0;
  let trim = 0;
  let first = true;
  for (let frame = frameAt(bytes, at); frame && at + frame.length <= bytes.length; frame = frameAt(bytes, at)) {
    const sideInfo = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
    const tag = bytes.toString('latin1', at + 4 + sideInfo, at + 8 + sideInfo);
    if (first && (tag === 'Xing' || tag === 'Info')) {
      // LAME's tag follows the Xing fields (120 bytes in); delay and padding are 12 bits each at +21.
      const lame = at + 4 + sideInfo + 120;
      if (bytes.toString('latin1', lame, lame + 4) === 'LAME' && lame + 24 <= bytes.length) {
        const b = lame + 21;
        trim = ((bytes[b]! << 4) | (bytes[b + 1]! >> 4)) + (((bytes[b + 1]! & 0x0f) << 8) | bytes[b + 2]!);
      }
    } else {
      samples += frame.samples;
      rate = frame.rate;
    }
    first = false;
    at += frame.length;
  }
  if (!rate) return undefined;
  return Math.round((Math.max(0, samples - trim) * 1000) / rate);
}

/** Enough of a WAV for its header (MixMonitor's is 44 bytes; other writers add chunks before the data). */
const WAV_HEAD_BYTES = 64 * 1024;

/** What the header of the WAV at `path` says (wavFacts). */
export async function wavHeader(path: string): Promise<{ durationMs: number; complete: boolean } | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, WAV_HEAD_BYTES));
    await file.read(head, 0, head.length, 0);
    return wavFacts(head, size);
  } finally {
    await file.close();
  }
}

/** The duration of the recording file at `path` (WAV or MP3, by its name), or undefined when it cannot be read as one. */
export async function audioDurationMs(path: string): Promise<number | undefined> {
  if (!path.endsWith('.mp3')) return (await wavHeader(path))?.durationMs;
  const file = await open(path, 'r');
  try {
    return mp3DurationMs(await file.readFile());
  } finally {
    await file.close();
  }
}
