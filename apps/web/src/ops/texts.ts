import type { I18nText } from '@stumpfworks/flow';

/** The operator assignment's, the tokens page's and the restart's texts in both languages (merged into i18n.tsx's dictionary). */
export const opsTexts = {
  assignment: { de: 'Zuweisung', en: 'Assignment' },
  assignmentOf: { de: 'Zuweisung von {name}', en: 'Assignment of {name}' },
  assignmentHint: {
    de: 'Ein Operator sieht nur die Warteschlangen und Mailboxen, die ihm hier zugewiesen sind.',
    en: 'An operator sees only the queues and mailboxes assigned here.',
  },
  assignedQueues: { de: 'Warteschlangen', en: 'Queues' },
  assignedMailboxes: { de: 'Mailboxen (Nebenstellen mit Mailbox)', en: 'Mailboxes (extensions with voicemail)' },
  noneToAssign: { de: 'Keine vorhanden', en: 'None yet' },
  saveAssignment: { de: 'Zuweisung speichern', en: 'Save assignment' },
  assignmentSaved: { de: 'Zuweisung von {name} gespeichert.', en: 'Assignment of {name} saved.' },
  queuesLive: { de: 'Warteschlangen', en: 'Queues' },
  queueWaiting: { de: 'Wartende', en: 'Waiting' },
  queueMembersLive: { de: 'Mitglieder (im Gespräch)', en: 'Members (in a call)' },
  queueLongestWait: { de: 'Längste Wartezeit (s)', en: 'Longest wait (s)' },
  queueNoneGiven: { de: 'Ihnen ist keine Warteschlange zugewiesen.', en: 'No queue is assigned to you.' },
  navTokens: { de: 'API-Tokens', en: 'API tokens' },
  tokenName: { de: 'Name', en: 'Name' },
  tokenCreatedAt: { de: 'Erstellt', en: 'Created' },
  tokenCreatedBy: { de: 'Erstellt von', en: 'Created by' },
  tokenLastUsed: { de: 'Zuletzt benutzt', en: 'Last used' },
  tokenNeverUsed: { de: 'nie', en: 'never' },
  createToken: { de: 'Token erstellen', en: 'Create token' },
  tokenCreated: { de: 'Token {name} erstellt:', en: 'Token {name} created:' },
  revokeToken: { de: 'Widerrufen', en: 'Revoke' },
  revokeConfirm: { de: 'Token „{name}“ widerrufen? Skripte, die es benutzen, werden sofort abgewiesen.', en: 'Revoke token "{name}"? Scripts using it are refused at once.' },
  tokensHint: {
    de: 'Für Skripte und das NAS: jedes Token handelt in seiner Rolle (Authorization: Bearer <Token>).',
    en: 'For scripts and the NAS: each token acts in its role (Authorization: Bearer <token>).',
  },
  restartNow: { de: 'Jetzt neu starten', en: 'Restart now' },
  restartNeeded: {
    de: 'Die Wiederherstellung ist vorbereitet und wird beim Neustart des Servers übernommen.',
    en: 'The restore is staged and goes in place when the server restarts.',
  },
  restoreFiles: { de: 'Dateien', en: 'files' },
  restartTimeout: { de: 'Der Server antwortet nach 2 Minuten noch nicht wieder: bitte sein Protokoll ansehen.', en: 'The server has not answered again after 2 minutes: please look at its log.' },
  restartNoHealth: { de: 'Der Server beantwortet /health nicht: Neustart nicht begonnen.', en: 'The server does not answer /health: restart not begun.' },
  restarting: { de: 'Der Server startet neu … die Seite lädt neu, sobald er wieder antwortet.', en: 'The server is restarting … the page reloads once it answers again.' },
} satisfies Record<string, I18nText>;
