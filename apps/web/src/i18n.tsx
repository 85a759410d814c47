import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { I18nText } from '@stumpfworks/flow';
import { alertTexts } from './admin/alerts-texts.js';
import { analyticsTexts } from './analytics/texts.js';
import { adminTexts } from './admin/texts.js';
import { auditTexts } from './audit/texts.js';
import { historyTexts } from './history/texts.js';
import { recordingTexts } from './recordings/texts.js';
import { authTexts } from './auth/texts.js';
import { opsTexts } from './ops/texts.js';
import { voicemailTexts } from './voicemail/texts.js';
import { trafficTexts } from './traffic/texts.js';

export type UiLanguage = 'de' | 'en';

/** The shell's and the editor's texts in both languages. Node labels and diagnostics come from the flow package. */
const editorTexts = {
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
  answeredBy: { de: 'Angenommen von', en: 'Answered by' },
  queueOutcomes: { de: 'Warteschlange', en: 'Queue' },
  overflow: { de: 'Überlauf', en: 'Overflow' },
  httpOutcomes: { de: 'HTTP-Antwort', en: 'HTTP answer' },
  httpBody: { de: 'Antwort (JSON)', en: 'Answer (JSON)' },
  httpFailure: { de: 'Keine Verbindung', en: 'No connection' },
  httpTimeout: { de: 'Zeitüberschreitung', en: 'Timeout' },
  callerHangsUp: { de: 'Anrufer legt auf', en: 'Caller hangs up' },
  clock: { de: 'Datum und Uhrzeit', en: 'Date and time' },
  clockZone: {
    de: 'Die Uhrzeit gilt in dieser Zeitzone: der des Ablaufs (seiner Zeitbedingungen), nicht der des Browsers',
    en: "The time is read in this time zone: the flow's (its time conditions'), not the browser's",
  },
  callerId: { de: 'Rufnummer des Anrufers', en: 'Caller ID' },
  stepBack: { de: 'Schritt zurück', en: 'Step back' },
  restart: { de: 'Neu starten', en: 'Restart' },
  transcript: { de: 'Verlauf', en: 'Transcript' },
  waitsFor: { de: 'Wartet auf', en: 'Waiting for' },
  variables: { de: 'Variablen', en: 'Variables' },
  emptyValue: { de: '(leer)', en: '(empty)' },
  flowInvalid: { de: 'Der Ablauf ist noch unvollständig:', en: 'The flow is not complete yet:' },
  refused: { de: 'Passt gerade nicht', en: 'Does not fit now' },
  token: { de: 'Admin-Token', en: 'Admin token' },
  load: { de: 'Laden', en: 'Load' },
  save: { de: 'Speichern', en: 'Save' },
  newFlow: { de: 'Neu', en: 'New' },
  flows: { de: 'Abläufe', en: 'Flows' },
  saved: { de: 'Gespeichert', en: 'Saved' },
  flowName: { de: 'Name des Ablaufs', en: 'Flow name' },
  flowId: { de: 'Ablauf-ID', en: 'Flow ID' },
  flowIdHint: { de: 'Vor dem ersten Speichern änderbar: Kleinbuchstaben, Ziffern, - und _', en: 'Can change until the first save: lower-case letters, digits, - and _' },
  newFlowName: { de: 'Neuer Ablauf', en: 'New flow' },
  unsaved: { de: 'Nicht gespeichert', en: 'Unsaved' },
  unsavedTitle: { de: 'Ungespeicherte Änderungen: in diesem Browser aufbewahrt, bis Sie speichern oder verwerfen', en: 'Unsaved changes: kept in this browser until you save or discard them' },
  discard: { de: 'Änderungen verwerfen', en: 'Discard changes' },
  discardConfirm: { de: 'Die ungespeicherten Änderungen an „{name}“ verwerfen? Das lässt sich nicht rückgängig machen.', en: 'Discard the unsaved changes to "{name}"? This cannot be undone.' },
  leaveConfirm: { de: '„{name}“ hat ungespeicherte Änderungen. Trotzdem wechseln? Sie bleiben in diesem Browser aufbewahrt, bis Sie speichern oder verwerfen.', en: '"{name}" has unsaved changes. Leave anyway? They stay kept in this browser until you save or discard them.' },
  newDiscardConfirm: { de: 'Der neue Ablauf „{name}“ ist nicht gespeichert. Verwerfen und einen anderen beginnen?', en: 'The new flow "{name}" is not saved. Discard it and start another?' },
  restored: { de: 'Ungespeicherte Änderungen vom {time} wiederhergestellt', en: 'Restored unsaved changes from {time}' },
  notKept: { de: 'Änderungen können in diesem Browser nicht aufbewahrt werden', en: 'Changes cannot be kept in this browser' },
  promptText: { de: 'Ansagetext', en: 'Prompt text' },
  promptKind: { de: 'Art der Ansage', en: 'Prompt kind' },
  german: { de: 'Deutsch', en: 'German' },
  english: { de: 'Englisch', en: 'English' },
  canvas: { de: 'Zeichenfläche', en: 'Canvas' },
  dropHere: { de: 'Bausteine hierher ziehen', en: 'Drag nodes here' },
  run: { de: 'Ablauf spielen', en: 'Run' },
  script: { de: 'Ereignisse, z. B. 2, busy', en: 'Events, e.g. 2, busy' },
  scriptToken: { de: 'Im Ereignis-Skript', en: 'In the event script' },
  listHint: { de: 'Komma-getrennt', en: 'comma-separated' },
  hoursRange: { de: 'Zeitraum', en: 'Time range' },
  hoursFrom: { de: 'von', en: 'from' },
  hoursTo: { de: 'bis', en: 'to' },
  hoursAdd: { de: 'Zeitraum hinzufügen', en: 'Add time range' },
  hoursRemove: { de: 'Entfernen', en: 'Remove' },
  hoursNone: { de: 'Keine Öffnungszeiten: immer geschlossen.', en: 'No opening hours: always closed.' },
  hoursOvernight: { de: 'über Mitternacht: „bis“ am nächsten Tag', en: 'across midnight: "to" on the next day' },
  datesHint: {
    de: 'eines je Zeile: 2026-12-31 08:00-13:00 für eigene Zeiten, 2026-08-10..2026-08-21 ohne Zeiten für geschlossen',
    en: 'one per line: 2026-12-31 08:00-13:00 for its own hours, 2026-08-10..2026-08-21 without hours for closed',
  },
  versions: { de: 'Versionen', en: 'Versions' },
  publish: { de: 'Veröffentlichen', en: 'Publish' },
  publishTitle: { de: 'Veröffentlichen', en: 'Publish' },
  publishWhat: { de: 'Ablauf {flow} wird als Version {v} eingefroren und live geschaltet.', en: 'Flow {flow} is frozen as version {v} and put live.' },
  publishBlocked: { de: '{n} Fehler verhindern das Veröffentlichen:', en: '{n} errors prevent publishing:' },
  publishHow: {
    de: 'Danach erzeugt der Server die Asterisk-Konfiguration, lädt sie neu und rollt bei einem Fehler zurück.',
    en: 'The server then generates the Asterisk configuration, reloads it and rolls back on any failure.',
  },
  publishNow: { de: 'Jetzt veröffentlichen', en: 'Publish now' },
  publishing: { de: 'Wird veröffentlicht…', en: 'Publishing…' },
  publishApplied: { de: 'Version {v} ist live.', en: 'Version {v} is live.' },
  publishUnchanged: { de: 'Version {v} freigegeben; an der Asterisk-Konfiguration hat sich nichts geändert.', en: 'Version {v} released; the Asterisk configuration did not change.' },
  publishRefused: { de: 'Nicht veröffentlicht:', en: 'Not published:' },
  refusedAfterFreeze: {
    de: 'Version {v} ist als abgelehnt in der Historie vermerkt und nicht freigegeben; live bleibt, was vorher lief.',
    en: 'Version {v} is kept in the history marked refused and is not released; what ran before stays live.',
  },
  refusedBadge: { de: 'abgelehnt', en: 'refused' },
  fileChanges: { de: 'Änderungen an der Asterisk-Konfiguration', en: 'Changes to the Asterisk configuration' },
  previewLoading: { de: 'Der Server prüft die Konfiguration…', en: 'The server checks the configuration…' },
  previewNoFiles: { de: 'Keine Datei ändert sich.', en: 'No file changes.' },
  previewAfterFix: { de: 'Erst nach dem Beheben der Fehler.', en: 'Once the errors are fixed.' },
  previewUnavailable: { de: 'Vorschau nicht möglich: {reason}', en: 'No preview: {reason}' },
  rollbackApplied: { de: 'Zurück auf Version {old}:', en: 'Back to version {old}:' },
  refusedNothing: { de: 'Es wurde nichts geändert.', en: 'Nothing was changed.' },
  changes: { de: 'Änderungen gegenüber der freigegebenen Version', en: 'Changes against the released version' },
  noChanges: { de: 'Keine Änderungen am Ablauf.', en: 'No changes to the flow.' },
  nodesAdded: { de: 'Neue Bausteine', en: 'Nodes added' },
  nodesRemoved: { de: 'Entfernte Bausteine', en: 'Nodes removed' },
  nodesChanged: { de: 'Geänderte Bausteine', en: 'Nodes changed' },
  edgesChanged: { de: 'Verbindungen', en: 'Connections' },
  cancel: { de: 'Abbrechen', en: 'Cancel' },
  close: { de: 'Schließen', en: 'Close' },
  noVersions: { de: 'Noch keine Version veröffentlicht.', en: 'No version published yet.' },
  released: { de: 'freigegeben', en: 'released' },
  live: { de: 'live', en: 'live' },
  rollbackOf: { de: 'Kopie von', en: 'copy of' },
  rollbackTo: { de: 'Zurück auf', en: 'Roll back to' },
  rollbackConfirm: { de: 'Version {v} als neue Version veröffentlichen?', en: 'Publish version {v} as a new version?' },
  rollbackDiscards: { de: 'Der Editor zeigt danach diese Version: Ihre ungespeicherten Änderungen gehen verloren.', en: 'The editor then shows that version: your unsaved changes are lost.' },
  navEditor: { de: 'Editor', en: 'Editor' },
  navDashboard: { de: 'Dashboard', en: 'Dashboard' },
  navExtensions: { de: 'Nebenstellen', en: 'Extensions' },
  navTrunks: { de: 'Leitungen', en: 'Trunks' },
  navRoutes: { de: 'Routen', en: 'Routes' },
  navQueues: { de: 'Warteschlangen', en: 'Queues' },
  navConferences: { de: 'Konferenzen', en: 'Conferences' },
  navPrompts: { de: 'Ansagen', en: 'Prompts' },
  navBackups: { de: 'Sicherung', en: 'Backup' },
  navHttps: { de: 'HTTPS', en: 'HTTPS' },
  navigation: { de: 'Navigation', en: 'Navigation' },
  unknown: { de: 'unbekannt', en: 'unknown' },
  noChoice: { de: '— keine —', en: '— none —' },
  pickerAdd: { de: 'vom Server hinzufügen', en: 'add from the server' },
  promptTts: { de: 'Text (Sprachausgabe)', en: 'Text (TTS)' },
  promptSound: { de: 'Asterisk-Klang', en: 'Asterisk sound' },
  promptUpload: { de: 'Hochgeladene Ansage', en: 'Uploaded prompt' },
  promptSoundName: { de: 'Klang', en: 'Sound' },
  promptUploadId: { de: 'Kennung', en: 'ID' },
  editorToolbar: { de: 'Editor-Werkzeuge', en: 'Editor tools' },
  deleteKeys: { de: 'Entf', en: 'Delete' },
  ctrlKey: { de: 'Strg', en: 'Ctrl' },
  minimap: { de: 'Übersichtskarte', en: 'Minimap' },
  coverage: { de: 'Abdeckung', en: 'Coverage' },
  coverageShow: { de: 'Abdeckung zeigen', en: 'Show coverage' },
  coverageHide: { de: 'Abdeckung ausblenden', en: 'Hide coverage' },
  coverageNodes: { de: 'Bausteine erreicht', en: 'Nodes reached' },
  coverageOutputs: { de: 'Ausgänge erreicht', en: 'Outputs reached' },
  tryAllPaths: { de: 'Alle Wege ausprobieren', en: 'Try all paths' },
  tryingAllPaths: { de: 'Wege werden ausprobiert…', en: 'Trying all paths…' },
  allPathsDone: { de: '{n} Wege zum Zeitpunkt {at} ausprobiert', en: '{n} paths tried at {at}' },
  allPathsCut: { de: '{n} Verzweigungen über die Grenzen hinaus nicht verfolgt', en: '{n} branches beyond the bounds not followed' },
  coverageClear: { de: 'Liste leeren', en: 'Clear list' },
  pathsTried: { de: 'Ausprobierte Wege', en: 'Paths tried' },
  pathsMore: { de: '… und {n} weitere', en: '… and {n} more' },
  noPathsYet: { de: 'Noch kein Anruf zu Ende simuliert.', en: 'No simulated call has ended yet.' },
  stillWaiting: { de: 'läuft noch', en: 'still running' },
  unreachedNodes: { de: 'Nie erreichte Bausteine', en: 'Nodes never reached' },
  unreachedOutputs: { de: 'Nie genommene Ausgänge', en: 'Outputs never taken' },
  allReached: { de: 'Alles erreicht.', en: 'Everything reached.' },
  coverageHint: {
    de: 'Zeitabhängige Zweige hängen von Datum und Uhrzeit ab: für die anderen Zweige die Uhrzeit ändern und erneut ausprobieren.',
    en: 'Time-dependent branches depend on the date and time: change the clock and try again for the other branches.',
  },
} satisfies Record<string, I18nText>;

// A key in both parts would let one text silently replace the other; this names such a key as a type error.
type NoSharedKey<Key extends never> = Key;
/** The keys that two of the parts share: never, when each key is in one part only. */
type Overlap<Parts extends readonly object[]> = Parts extends readonly [infer First, ...infer Rest extends readonly object[]]
  ? Extract<keyof First, { [I in keyof Rest]: keyof Rest[I] }[number]> | Overlap<Rest>
  : never;
type SharedKeys = NoSharedKey<
  Overlap<[typeof editorTexts, typeof adminTexts, typeof alertTexts, typeof authTexts, typeof auditTexts, typeof opsTexts, typeof recordingTexts, typeof voicemailTexts, typeof trafficTexts, typeof historyTexts, typeof analyticsTexts]>
>;

/**
 * Every UI text: the shell's and the editor's (above), and each feature's own texts.ts (admin,
 * alerts, auth, audit, ops, recordings, voicemail, traffic, history, analytics).
 */
const dictionary = { ...editorTexts, ...adminTexts, ...alertTexts, ...authTexts, ...auditTexts, ...opsTexts, ...recordingTexts, ...voicemailTexts, ...trafficTexts, ...historyTexts, ...analyticsTexts };

export type TextKey = keyof typeof dictionary;

/** A text in the UI language: what `useI18n().t` is, for code outside components (table columns). */
export type Translate = (key: TextKey) => string;

/** The texts of one language (the provider's `t`; also for tests outside React). */
export const translator =
  (language: UiLanguage): Translate =>
  (key) =>
    dictionary[key][language];

/** A weekday as the flow numbers them (1 = Monday … 7 = Sunday), with its names in the UI language. */
export interface Weekday {
  day: number;
  short: string;
  long: string;
}

/** The weekdays' short and long names, Monday first. */
const weekdayNames: Record<UiLanguage, readonly (readonly [short: string, long: string])[]> = {
  de: [
    ['Mo', 'Montag'],
    ['Di', 'Dienstag'],
    ['Mi', 'Mittwoch'],
    ['Do', 'Donnerstag'],
    ['Fr', 'Freitag'],
    ['Sa', 'Samstag'],
    ['So', 'Sonntag'],
  ],
  en: [
    ['Mon', 'Monday'],
    ['Tue', 'Tuesday'],
    ['Wed', 'Wednesday'],
    ['Thu', 'Thursday'],
    ['Fri', 'Friday'],
    ['Sat', 'Saturday'],
    ['Sun', 'Sunday'],
  ],
};

const weekdaysOf = (language: UiLanguage): Weekday[] => weekdayNames[language].map(([short, long], i) => ({ day: i + 1, short, long }));

interface I18nValue {
  language: UiLanguage;
  setLanguage(language: UiLanguage): void;
  t: Translate;
  /** Monday to Sunday in the UI language. */
  weekdays: readonly Weekday[];
  /** Picks the UI language out of a text from the flow or engine package. */
  pick(text: I18nText): string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, initial = 'de' }: { children: ReactNode; initial?: UiLanguage }) {
  const [language, setLanguage] = useState<UiLanguage>(initial);
  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: translator(language), weekdays: weekdaysOf(language), pick: (text) => text[language] }),
    [language],
  );
  // Screen readers and the browser's own texts (spelling, hyphenation) follow the UI language.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language and its texts. Throws outside an I18nProvider. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() needs an <I18nProvider> above it');
  return value;
}
