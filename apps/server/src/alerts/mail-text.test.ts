import { describe, expect, it } from 'vitest';
import type { AlertChange } from './alert-book.js';
import { alertMail } from './mail-text.js';

const change = (kind: string, subject: string, resolved?: string): AlertChange => ({
  change: resolved ? 'resolved' : 'opened',
  alert: { id: 'a1', key: `${kind}:${subject}`, kind, subject, text_de: 'Text auf Deutsch', text_en: 'text in English', opened_at: '2026-12-08T10:00:00.000Z', resolved_at: resolved ?? null, mailed: 1 },
});

describe('alert mails', () => {
  it('speaks the recipient language, both for `both`, and names the trunk', () => {
    const opened = change('trunk-registration', 'prov');
    expect(alertMail(opened, 'de', 'PBX')).toEqual({ subject: '[PBX] Alarm: Trunk-Anmeldung prov', text: expect.stringContaining('Alarm seit 2026-12-08T10:00:00.000Z:\nText auf Deutsch') });
    expect(alertMail(opened, 'en', 'PBX').text).not.toContain('Deutsch');
    const both = alertMail(change('trunk-registration', 'prov', '2026-12-08T10:05:00.000Z'), 'both', 'PBX');
    expect(both.subject).toBe('[PBX] Behoben: Trunk-Anmeldung prov / [PBX] Resolved: trunk registration prov');
    expect(both.text).toMatch(/Behoben um 2026-12-08T10:05:00.000Z[\s\S]*Resolved at 2026-12-08T10:05:00.000Z/);
  });

  it('leaves out a subject that names nothing', () => {
    expect(alertMail(change('asterisk-down', 'asterisk'), 'en', 'PBX').subject).toBe('[PBX] Alert: Asterisk');
  });
});
