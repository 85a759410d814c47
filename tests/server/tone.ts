/** G.711 u-law of one 16-bit sample (ITU-T G.711, as sox and Asterisk encode it). */
function ulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  magnitude = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | magnitude) & 0xff;
}

/** One second of a 440 Hz tone at 8 kHz in u-law: what the phone's microphone sends (looped). */
export function tone(): Buffer {
  return Buffer.from(Array.from({ length: 8000 }, (_, i) => ulaw(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)))));
}
