import type { PbxResources } from './types.js';

/** A small PBX with one of everything, for the golden files. */
export const musterfirma: PbxResources = {
  extensions: [
    {
      id: '1001',
      name: 'Empfang',
      callerId: '"Empfang" <1001>',
      secret: 'Gx7-kP2q-Lm9z-Wt4v',
      codecs: ['alaw', 'ulaw'],
      context: 'stumpfworks-internal',
      voicemail: { enabled: true, pin: '4711', email: 'empfang@musterfirma.example' },
      webrtc: false,
    },
    {
      id: '1000',
      name: 'Anna',
      callerId: '"Anna" <1000>',
      secret: 'Qw8-Er5t-Zu2i-Op6a',
      codecs: ['opus', 'ulaw'],
      context: 'stumpfworks-internal',
      voicemail: { enabled: false },
      webrtc: true,
    },
  ],
  trunks: [
    { id: 'sipgate', name: 'sipgate', type: 'registration', server: 'sipgate.de', port: 5060, realm: 'sipgate.de', transport: 'udp', username: '1234567e0', password: 'Pw-sipgate-1', callerId: '+4930123456', codecs: ['alaw', 'ulaw'] },
    { id: 'carrier', name: 'Carrier', type: 'ip', server: '192.0.2.10', port: 5060, transport: 'udp', codecs: ['alaw'] },
    { id: 'telekom', name: 'Telekom', type: 'registration', server: 'tel.t-online.de', port: 5060, realm: 'tel.t-online.de', transport: 'tcp', username: '+4930123458', password: 'Pw-telekom-1', codecs: ['alaw'] },
    { id: 'secure', name: 'Secure', type: 'registration', server: 'sip.example.net', port: 5061, transport: 'tls', username: 'swf', password: 'Pw-secure-1', codecs: ['alaw', 'opus'] },
  ],
  inboundRoutes: [
    { id: 'main', did: '4930123456', target: { type: 'flow', id: 'musterfirma' } },
    { id: 'direct', did: '4930123457', target: { type: 'extension', id: '1001' } },
  ],
  outboundRoutes: [
    { id: 'emergency', name: 'Notruf', patterns: ['110', '112'], trunks: [], strip: 0, prepend: '', block: false },
    { id: 'national', name: 'Inland', patterns: ['_0ZX.'], trunks: ['sipgate', 'carrier'], strip: 0, prepend: '', block: false },
    { id: 'premium', name: 'Sperre 0900', patterns: ['_0900X.'], trunks: [], strip: 0, prepend: '', block: true },
    { id: 'intl', name: 'Ausland', patterns: ['_000X.'], trunks: ['carrier'], strip: 1, prepend: '+', block: false },
  ],
  queues: [
    { id: 'support', name: 'Support', strategy: 'rrmemory', members: ['1001', '1000'], musicOnHold: 'default', announcePosition: true, announceFrequencySeconds: 30, maxWaitSeconds: 300, ringSeconds: 20 },
    { id: 'sales', name: 'Vertrieb', strategy: 'ringall', members: ['1001'], musicOnHold: 'wartemusik', announcePosition: false, announceFrequencySeconds: 0, maxWaitSeconds: 120, ringSeconds: 15 },
    { id: 'sales-2', name: 'Vertrieb 2', strategy: 'ringall', members: ['1000'], musicOnHold: 'wartemusik', announcePosition: false, announceFrequencySeconds: 0, maxWaitSeconds: 120, ringSeconds: 15 },
  ],
  conferences: [
    { id: '800', name: 'Team', pin: '1234', moderatorPin: '9876', maxParticipants: 10, record: true },
    { id: '801', name: 'Offen', maxParticipants: 20, record: false },
  ],
};
