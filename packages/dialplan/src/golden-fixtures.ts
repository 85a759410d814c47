import type { Flow } from '@stumpfworks/flow';
import { makeFlow } from './testing.js';

/**
 * Flows whose compiled dialplan is kept as golden files in `test/golden/<name>.conf`. Together
 * they use every node type, both dial strategies, fallbacks of unconnected outputs and a sub-flow.
 * For tests only.
 */
export function goldenSets(): Record<string, Flow[]> {
  return {
    musterfirma: [musterfirmaMain(), musterfirmaService()],
    hotline: [hotline()],
    // Both deployment modes on one PBX: the hotline runs on ARI, the main flow stays dialplan.
    'mixed-deployment': [musterfirmaMain(), musterfirmaService(), { ...hotline(), deployment: 'ari' }],
  };
}

const sound = (name: string) => ({ kind: 'sound', name });

function musterfirmaMain(): Flow {
  return makeFlow(
    'main',
    [
      { id: 'start', type: 'Start', label: 'Zentrale', params: { number: '+49301234567', language: 'de' } },
      {
        id: 'hours',
        type: 'TimeCondition',
        label: 'Geschäftszeiten',
        params: {
          holidays: 'BE',
          weekly: [
            { days: [1, 2, 3, 4], from: '08:00', to: '17:00' },
            { days: [5], from: '08:00', to: '14:30' },
          ],
          closedDates: ['2026-12-24', '2026-12-31'],
        },
      },
      {
        id: 'menu',
        type: 'Menu',
        label: 'Hauptmenü',
        params: { prompt: { kind: 'tts', text: { de: 'Für den Vertrieb drücken Sie die 1.', en: 'For sales press 1.' } }, directDial: ['1002', '1003'] },
      },
      { id: 'sales', type: 'Dial', label: 'Vertrieb', params: { targets: ['1000', '1001'], ringSeconds: 25 } },
      { id: 'support', type: 'Queue', params: { queue: 'support', maxWaitSeconds: 180 } },
      { id: 'direct', type: 'Dial', params: { targets: ['${DIRECT_EXTENSION}'] } },
      { id: 'service', type: 'GotoFlow', params: { flow: 'service' } },
      { id: 'closed-msg', type: 'Play', params: { prompt: { kind: 'upload', id: 'geschlossen' } } },
      { id: 'wrong-key', type: 'Play', params: { prompt: sound('option-is-invalid') } },
      { id: 'vm', type: 'Voicemail', label: 'Zentrale Mailbox', params: { mailbox: '100' } },
      { id: 'bye', type: 'Hangup' },
    ],
    [
      ['start', 'next', 'hours'],
      ['hours', 'open', 'menu'],
      ['hours', 'closed', 'closed-msg'],
      ['closed-msg', 'next', 'vm'],
      ['menu', '1', 'sales'],
      ['menu', '2', 'support'],
      ['menu', '9', 'service'],
      ['menu', 'direct', 'direct'],
      ['menu', 'timeout', 'vm'],
      ['menu', 'invalid', 'wrong-key'],
      ['wrong-key', 'next', 'bye'],
      ['sales', 'noAnswer', 'vm'],
      ['sales', 'busy', 'support'],
      ['support', 'overflow', 'vm'],
      ['direct', 'noAnswer', 'vm'],
    ],
    'Musterfirma Zentrale',
  );
}

function musterfirmaService(): Flow {
  return makeFlow(
    'service',
    [
      { id: 'start', type: 'Start', params: { language: 'en' } },
      {
        id: 'account',
        type: 'CollectDigits',
        params: { prompt: sound('enter-account'), variable: 'ACCOUNT', minDigits: 4, maxDigits: 8, terminator: '*', maxAttempts: 2 },
      },
      { id: 'vip', type: 'Condition', params: { subject: 'ACCOUNT', operator: 'regex', value: '9[0-9]+|1000' } },
      { id: 'remember', type: 'SetVariable', params: { name: 'TIER', value: 'vip-${ACCOUNT}' } },
      { id: 'german', type: 'Language', params: { language: 'de' } },
      { id: 'room', type: 'Conference', params: { room: '4242', pin: '1234' } },
      { id: 'after', type: 'Play', params: { prompt: sound('goodbye') } },
      { id: 'vm', type: 'Voicemail', params: { mailbox: '200', greeting: 'busy' } },
      { id: 'bye', type: 'Hangup' },
    ],
    [
      ['start', 'next', 'account'],
      ['account', 'next', 'vip'],
      ['account', 'invalid', 'bye'],
      ['vip', 'true', 'remember'],
      ['vip', 'false', 'vm'],
      ['remember', 'next', 'german'],
      ['german', 'next', 'room'],
      ['room', 'next', 'after'],
      ['after', 'next', 'bye'],
      ['vm', 'next', 'bye'],
    ],
    'Service',
  );
}

function hotline(): Flow {
  return makeFlow(
    'hotline',
    [
      { id: 'start', type: 'Start', params: { number: '0800123' } },
      { id: 'known', type: 'Condition', params: { subject: 'callerId', operator: 'equals', value: '0049301111' } },
      {
        id: 'crm',
        type: 'HttpRequest',
        params: {
          method: 'POST',
          url: 'https://crm.example.com/api/calls?line=hotline',
          body: '{"caller":"${CALLERID}","line":"hotline"}',
          timeoutSeconds: 4,
          responseMapping: [{ variable: 'AGENT', path: 'assigned.agent' }],
        },
      },
      { id: 'rec-on', type: 'Record' },
      { id: 'team', type: 'Dial', params: { targets: ['2001', '2002', '2003'], strategy: 'sequential', ringSeconds: 10 } },
      { id: 'rec-off', type: 'Record', params: { action: 'stop' } },
      { id: 'mobile', type: 'TransferExternal', params: { number: '+491701234567', route: 'mobile' } },
      { id: 'busy-msg', type: 'Play', params: { prompt: sound('vm-isonphone') } },
      { id: 'room', type: 'Conference', params: { room: '5000' } },
      { id: 'bye', type: 'Hangup' },
    ],
    [
      ['start', 'next', 'known'],
      ['known', 'true', 'room'],
      ['known', 'false', 'crm'],
      ['crm', 'success', 'rec-on'],
      ['crm', 'failure', 'rec-on'],
      ['rec-on', 'next', 'team'],
      ['team', 'answered', 'rec-off'],
      ['team', 'noAnswer', 'mobile'],
      ['team', 'busy', 'busy-msg'],
      ['busy-msg', 'next', 'bye'],
      ['rec-off', 'next', 'bye'],
      ['mobile', 'failed', 'bye'],
    ],
    'Hotline',
  );
}
