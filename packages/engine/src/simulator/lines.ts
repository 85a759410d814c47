import type { I18nText } from '@stumpfworks/flow';
import type { CallEvent, DialResult, Effect, Outcome } from '../types.js';

const LANGUAGE_NAMES = { de: { de: 'Deutsch', en: 'Englisch' }, en: { de: 'German', en: 'English' } } as const;

const DIAL_RESULTS: Record<DialResult, I18nText> = {
  answer: { de: 'Angenommen', en: 'Answered' },
  busy: { de: 'Besetzt', en: 'Busy' },
  noanswer: { de: 'Keine Antwort', en: 'No answer' },
  unavailable: { de: 'Nicht erreichbar', en: 'Unavailable' },
};

const INPUT_NAMES = {
  menu: { de: 'Menü', en: 'Menu' },
  digits: { de: 'Eingabe', en: 'Asks for digits' },
  pin: { de: 'PIN-Abfrage', en: 'Asks for the PIN' },
} as const;

const both = (de: string, en: string): I18nText => ({ de, en });
const quoted = (text: string): I18nText => ({ de: `„${text}“`, en: `"${text}"` });

/** How a call ended, in words. */
export function outcomeText(outcome: Outcome): I18nText {
  switch (outcome.kind) {
    case 'hangup':
      return both('Ende: aufgelegt', 'End: hung up');
    case 'connected':
      return both(`Ende: verbunden mit ${outcome.target}`, `End: connected to ${outcome.target}`);
    case 'voicemail':
      return both(`Ende: Mailbox ${outcome.mailbox}`, `End: voicemail ${outcome.mailbox}`);
    case 'conference':
      return both(`Ende: Konferenz ${outcome.room}`, `End: conference ${outcome.room}`);
    case 'callerHangup':
      return both('Ende: Anrufer hat aufgelegt', 'End: the caller hung up');
    case 'loopLimit':
      return both('Ende: Schleifenschutz (zu viele Schritte)', 'End: loop guard (too many steps)');
  }
}

/** An effect in words, or undefined for effects that are not worth a line (visits). */
export function effectText(effect: Effect): I18nText | undefined {
  switch (effect.type) {
    case 'visit':
      return undefined;
    case 'answer':
      return both('Nimmt den Anruf an', 'Answers the call');
    case 'setLanguage':
      return both(`Sprache: ${LANGUAGE_NAMES.de[effect.language]}`, `Language: ${LANGUAGE_NAMES.en[effect.language]}`);
    case 'setVariable':
      return both(`Setzt ${effect.name} = ${quoted(effect.value).de}`, `Sets ${effect.name} = ${quoted(effect.value).en}`);
    case 'play':
      return both(`Ansage: ${quoted(effect.text).de}`, `Prompt: ${quoted(effect.text).en}`);
    case 'readInput': {
      const name = INPUT_NAMES[effect.purpose];
      const again = effect.attempt > 1 ? both(` (Versuch ${effect.attempt})`, ` (attempt ${effect.attempt})`) : both('', '');
      return both(`${name.de}: ${quoted(effect.text).de}${again.de}`, `${name.en}: ${quoted(effect.text).en}${again.en}`);
    }
    case 'dial':
      return both(`Wählt ${effect.targets.join(', ')} (${effect.ringSeconds} s)`, `Dials ${effect.targets.join(', ')} (${effect.ringSeconds} s)`);
    case 'queue':
      return both(`Warteschlange ${effect.queue} (höchstens ${effect.maxWaitSeconds} s)`, `Queue ${effect.queue} (at most ${effect.maxWaitSeconds} s)`);
    case 'voicemail': {
      const greeting = {
        busy: both(' (Besetzt-Ansage)', ' (busy greeting)'),
        none: both(' (ohne Begrüßung)', ' (no greeting)'),
        unavailable: both('', ''),
      }[effect.greeting];
      const quiet = effect.skipInstructions ? both(', nur der Ton', ', only the tone') : both('', '');
      return both(`Mailbox ${effect.mailbox}${greeting.de}${quiet.de}`, `Voicemail ${effect.mailbox}${greeting.en}${quiet.en}`);
    }
    case 'conference':
      return both(`Konferenz ${effect.room}`, `Conference ${effect.room}`);
    case 'record':
      return effect.action === 'start' ? both('Aufnahme startet', 'Recording starts') : both('Aufnahme endet', 'Recording stops');
    case 'recordingMark':
      return effect.policy === 'always'
        ? both('Darf ab jetzt aufzeichnen (immer)', 'May record from now on (always)')
        : both('Darf ab jetzt aufzeichnen (auf Wunsch, *1)', 'May record from now on (on demand, *1)');
    case 'transfer': {
      const via = effect.route ? both(` über Route ${effect.route}`, ` via route ${effect.route}`) : both('', '');
      return both(
        `Leitet weiter an ${effect.number}${via.de} (${effect.ringSeconds} s)`,
        `Transfers to ${effect.number}${via.en} (${effect.ringSeconds} s)`,
      );
    }
    case 'httpRequest':
      return both(`HTTP-Anfrage ${effect.method} ${effect.url} (höchstens ${effect.timeoutSeconds} s)`, `HTTP request ${effect.method} ${effect.url} (at most ${effect.timeoutSeconds} s)`);
    case 'hangup':
      return both('Legt auf', 'Hangs up');
    case 'end':
      return outcomeText(effect.outcome);
  }
}

/** What the caller or the network did, in words; undefined for `start` and `done`. */
export function eventText(event: CallEvent): I18nText | undefined {
  switch (event.type) {
    case 'digits':
      return event.digits.length === 1 ? both(`Taste ${event.digits}`, `Key ${event.digits}`) : both(`Tasten ${event.digits}`, `Keys ${event.digits}`);
    case 'timeout':
      return both('Keine Eingabe', 'No input');
    case 'dialResult':
      return event.answeredBy !== undefined ? both(`Angenommen von ${event.answeredBy}`, `Answered by ${event.answeredBy}`) : DIAL_RESULTS[event.result];
    case 'queueResult':
      return event.result === 'answer' ? both('Angenommen', 'Answered') : both('Überlauf', 'Overflow');
    case 'httpResult': {
      const r = event.result;
      if (r.kind === 'timeout') return both('HTTP: keine Antwort in der Zeit', 'HTTP: no answer in time');
      if (r.kind === 'failure') return both('HTTP: Fehler ohne Antwort', 'HTTP: failed without an answer');
      const body = r.body === '' ? '' : ` ${r.body}`;
      return both(`HTTP-Antwort ${r.status}${body}`, `HTTP response ${r.status}${body}`);
    }
    case 'hangup':
      return both('Anrufer legt auf', 'The caller hangs up');
    case 'start':
    case 'done':
      return undefined;
  }
}
