import type { I18nText } from '@stumpfworks/flow';

/** The audit log page's texts in both languages (merged into i18n.tsx's dictionary). */
export const auditTexts = {
  navAudit: { de: 'Protokoll', en: 'Audit log' },
  auditTitle: { de: 'Protokoll: wer hat wann was getan', en: 'Audit log: who did what, when' },
  auditFilters: { de: 'Protokoll filtern', en: 'Filter the audit log' },
  auditActor: { de: 'Wer', en: 'Who' },
  auditAction: { de: 'Aktion', en: 'Action' },
  auditResource: { de: 'Objekt', en: 'Resource' },
  auditFrom: { de: 'Von', en: 'From' },
  auditTo: { de: 'Bis', en: 'To' },
  auditTime: { de: 'Zeit', en: 'Time' },
  auditAddress: { de: 'Adresse', en: 'Address' },
  auditOutcome: { de: 'Ergebnis', en: 'Outcome' },
  auditChange: { de: 'Vorher / Nachher', en: 'Before / after' },
  auditBefore: { de: 'Vorher', en: 'Before' },
  auditAfter: { de: 'Nachher', en: 'After' },
  auditVerify: { de: 'Kette prüfen', en: 'Verify the chain' },
  auditVerified: { de: 'Die Kette ist unversehrt: {rows} Einträge geprüft.', en: 'The chain is intact: {rows} rows checked.' },
  auditBroken: { de: 'Die Kette ist gebrochen bei Eintrag {seq}: {reason}', en: 'The chain is broken at row {seq}: {reason}' },
  auditPage: { de: 'Einträge {from}–{to} von {total}', en: 'Rows {from}–{to} of {total}' },
  auditSystem: { de: 'System', en: 'system' },
  auditRefused: { de: 'abgewiesen', en: 'refused' },
  auditRetention: { de: 'Aufbewahrung', en: 'Retention' },
  auditRetentionDays: { de: 'Einträge aufbewahren (Tage)', en: 'Keep rows (days)' },
  auditRetentionHint: {
    de: 'Ältere Einträge werden beim Start und täglich gelöscht; ein Kontrollpunkt hält die Kette prüfbar.',
    en: 'Older rows are deleted at the start and daily; a checkpoint keeps the chain verifiable.',
  },
  auditRetentionSave: { de: 'Aufbewahrung speichern', en: 'Save retention' },
  auditRetentionSaved: { de: 'Gespeichert', en: 'Saved' },
} satisfies Record<string, I18nText>;
