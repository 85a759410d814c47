import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { I18nText } from '@stumpfworks/flow';

export type UiLanguage = 'de' | 'en';

/** Every UI text in both languages. Node labels and diagnostics come from the flow package. */
const dictionary = {
  appTitle: { de: 'StumpfWorks VoIP – Ablauf-Editor', en: 'StumpfWorks VoIP – flow editor' },
  language: { de: 'Sprache', en: 'Language' },
  palette: { de: 'Bausteine', en: 'Nodes' },
  add: { de: 'hinzufügen', en: 'add' },
  inspector: { de: 'Eigenschaften', en: 'Properties' },
  nothingSelected: { de: 'Wählen Sie einen Baustein aus.', en: 'Select a node.' },
  nodeName: { de: 'Name auf der Fläche', en: 'Name on the canvas' },
  diagnostics: { de: 'Hinweise', en: 'Problems' },
  noDiagnostics: { de: 'Keine Probleme gefunden.', en: 'No problems found.' },
  undo: { de: 'Rückgängig', en: 'Undo' },
  redo: { de: 'Wiederholen', en: 'Redo' },
  delete: { de: 'Löschen', en: 'Delete' },
  copy: { de: 'Kopieren', en: 'Copy' },
  paste: { de: 'Einfügen', en: 'Paste' },
  layout: { de: 'Automatisch anordnen', en: 'Auto-layout' },
  layoutFailed: { de: 'Anordnen fehlgeschlagen', en: 'Layout failed' },
  fit: { de: 'Alles zeigen', en: 'Zoom to fit' },
  simulator: { de: 'Simulator', en: 'Simulator' },
  dialPad: { de: 'Tastenfeld', en: 'Dial pad' },
  key: { de: 'Taste', en: 'Key' },
  letTimeOut: { de: 'Nichts drücken (Zeit abgelaufen)', en: 'Let it time out' },
  dialOutcomes: { de: 'Anruf an Nebenstelle', en: 'Dialled extension' },
  answer: { de: 'Nimmt ab', en: 'Answer' },
  busy: { de: 'Besetzt', en: 'Busy' },
  noanswer: { de: 'Keine Antwort', en: 'No answer' },
  unavailable: { de: 'Nicht erreichbar', en: 'Unavailable' },
  queueOutcomes: { de: 'Warteschlange', en: 'Queue' },
  overflow: { de: 'Überlauf', en: 'Overflow' },
  callerHangsUp: { de: 'Anrufer legt auf', en: 'Caller hangs up' },
  clock: { de: 'Datum und Uhrzeit', en: 'Date and time' },
  callerId: { de: 'Rufnummer des Anrufers', en: 'Caller ID' },
  stepBack: { de: 'Schritt zurück', en: 'Step back' },
  restart: { de: 'Neu starten', en: 'Restart' },
  transcript: { de: 'Verlauf', en: 'Transcript' },
  waitsFor: { de: 'Wartet auf', en: 'Waiting for' },
  flowInvalid: { de: 'Der Ablauf ist noch unvollständig:', en: 'The flow is not complete yet:' },
  refused: { de: 'Passt gerade nicht', en: 'Does not fit now' },
  token: { de: 'Admin-Token', en: 'Admin token' },
  tokenPrompt: { de: 'Bitte das Admin-Token des Servers eingeben', en: 'Please enter the server admin token' },
  load: { de: 'Laden', en: 'Load' },
  save: { de: 'Speichern', en: 'Save' },
  newFlow: { de: 'Neu', en: 'New' },
  flows: { de: 'Abläufe', en: 'Flows' },
  saved: { de: 'Gespeichert', en: 'Saved' },
  flowName: { de: 'Name des Ablaufs', en: 'Flow name' },
  promptText: { de: 'Ansagetext', en: 'Prompt text' },
  promptKind: { de: 'Art der Ansage', en: 'Prompt kind' },
  german: { de: 'Deutsch', en: 'German' },
  english: { de: 'Englisch', en: 'English' },
  canvas: { de: 'Zeichenfläche', en: 'Canvas' },
  dropHere: { de: 'Bausteine hierher ziehen', en: 'Drag nodes here' },
  run: { de: 'Ablauf spielen', en: 'Run' },
  script: { de: 'Ereignisse, z. B. 2, busy', en: 'Events, e.g. 2, busy' },
  listHint: { de: 'Komma-getrennt', en: 'comma-separated' },
} satisfies Record<string, I18nText>;

export type TextKey = keyof typeof dictionary;

interface I18nValue {
  language: UiLanguage;
  setLanguage(language: UiLanguage): void;
  t(key: TextKey): string;
  /** Picks the UI language out of a text from the flow or engine package. */
  pick(text: I18nText): string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initial = 'de' }: { children: ReactNode; initial?: UiLanguage }) {
  const [language, setLanguage] = useState<UiLanguage>(initial);
  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: (key) => dictionary[key][language], pick: (text) => text[language] }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language and its texts. Throws outside an I18nProvider. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it');
  return value;
}
