/** Provider settings a preset fills in; anything the admin sets explicitly wins. */
export interface TrunkPreset {
  label: string;
  server: string;
  realm: string;
  transport: 'udp' | 'tcp' | 'tls';
  port: number;
  /** The provider wants the registration user in the From header. */
  fromUserIsUsername: boolean;
  codecs: Array<'ulaw' | 'alaw' | 'opus' | 'gsm'>;
}

/** German providers' published SIP settings (registration based). */
export const TRUNK_PRESETS = {
  sipgate: { label: 'sipgate', server: 'sipgate.de', realm: 'sipgate.de', transport: 'udp', port: 5060, fromUserIsUsername: true, codecs: ['alaw', 'ulaw'] },
  easybell: { label: 'easybell', server: 'voip.easybell.de', realm: 'voip.easybell.de', transport: 'udp', port: 5060, fromUserIsUsername: true, codecs: ['alaw', 'ulaw'] },
  telekom: { label: 'Telekom', server: 'tel.t-online.de', realm: 'tel.t-online.de', transport: 'tcp', port: 5060, fromUserIsUsername: true, codecs: ['alaw', 'ulaw'] },
  '1und1': { label: '1&1', server: 'sip.1und1.de', realm: 'sip.1und1.de', transport: 'udp', port: 5060, fromUserIsUsername: true, codecs: ['alaw', 'ulaw'] },
} as const satisfies Record<string, TrunkPreset>;

export type TrunkPresetId = keyof typeof TRUNK_PRESETS;
export const TRUNK_PRESET_IDS = Object.keys(TRUNK_PRESETS) as [TrunkPresetId, ...TrunkPresetId[]];
