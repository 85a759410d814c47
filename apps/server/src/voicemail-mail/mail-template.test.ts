import { describe, expect, it } from 'vitest';
import { clockDuration, voicemailMail } from './mail-template.js';
import { parseDrop, parseMessageInfo, splitCallerId, wavSeconds } from './message-files.js';

const TXT = `;
; Message Information file
;
[message]
origmailbox=1001
context=swf-flow-x
exten=1001
rdnis=unknown
priority=3
callerchan=PJSIP/1002-00000001
callerid="Müller, Anna" <1002>
origdate=Mon Dec  7 06:40:12 AM UTC 2026
origtime=1796625612
category=
msg_id=1796625612-00000003
flag=
duration=75
`;

describe('the message files', () => {
  it('reads a message .txt as Asterisk writes it', () => {
    expect(parseMessageInfo(TXT)).toEqual({ msgId: '1796625612-00000003', callerId: '"Müller, Anna" <1002>', time: new Date(1796625612_000), durationSeconds: 75 });
  });

  it('splits caller ids, quoted or not, and keeps a bare number', () => {
    expect(splitCallerId('"Müller, Anna" <1002>')).toEqual({ name: 'Müller, Anna', number: '1002' });
    expect(splitCallerId('Hans <+49301234>')).toEqual({ name: 'Hans', number: '+49301234' });
    expect(splitCallerId('<1002>')).toEqual({ name: '', number: '1002' });
    expect(splitCallerId('0301234')).toEqual({ name: '', number: '0301234' });
  });

  it("measures a PCM WAV by its header (a LIST chunk before the data is skipped), and refuses what is none", () => {
    const chunk = (id: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(id, 0, 'latin1');
      head.writeUInt32LE(body.length, 4);
      return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const fmt = Buffer.alloc(16);
    fmt.writeUInt16LE(1, 0); // PCM
    fmt.writeUInt16LE(1, 2); // mono
    fmt.writeUInt32LE(8000, 4);
    fmt.writeUInt32LE(16000, 8); // byte rate: 8 kHz, 16 bit
    fmt.writeUInt16LE(2, 12);
    fmt.writeUInt16LE(16, 14);
    const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), chunk('LIST', Buffer.from('INFOabc')), chunk('data', Buffer.alloc(63_040))]);
    const riff = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), body]);
    expect(wavSeconds(riff)).toBeCloseTo(3.94, 5);
    expect(wavSeconds(Buffer.from('ID3 not a wave at all, just some bytes to be long enough for a header'))).toBeUndefined();
  });

  it('reads a drop and refuses path parts that are no plain names', () => {
    const drop = 'context=default\nmailbox=1001\nfolder=INBOX\nmsgnum=2\nmsg_id=1796625612-00000003\n';
    expect(parseDrop(drop)).toEqual({ context: 'default', mailbox: '1001', folder: 'INBOX', msgnum: 2, msgId: '1796625612-00000003' });
    expect(parseDrop(drop.replace('mailbox=1001', 'mailbox=../../etc'))).toHaveProperty('problem');
    expect(parseDrop(drop.replace('msg_id=1796625612-00000003', 'msg_id='))).toHaveProperty('problem');
  });
});

describe('voicemailMail', () => {
  const facts = {
    message: { msgId: 'x', callerId: '"Müller, Anna" <1002>', time: new Date('2026-12-07T06:40:12Z'), durationSeconds: 75 },
    mailbox: { id: '1001', name: 'Zentrale' },
    timeZone: 'Europe/Berlin',
    attachment: 'message.mp3',
  };

  it('German: caller, time in the PBX zone, duration, mailbox', () => {
    const mail = voicemailMail(facts, 'de');
    expect(mail.subject).toBe('Neue Sprachnachricht von Müller, Anna (1002) (1:15)');
    expect(mail.text).toContain('Neue Sprachnachricht in der Mailbox 1001 (Zentrale).');
    expect(mail.text).toContain('Anrufer: Müller, Anna (1002)');
    expect(mail.text).toContain('Zeit:    Montag, 7. Dezember 2026 um 07:40 (Europe/Berlin)');
    expect(mail.text).toContain('Dauer:   1:15 min');
    expect(mail.text).toContain('Die Nachricht hängt an (message.mp3).');
  });

  it('English, and the time follows the zone', () => {
    const mail = voicemailMail({ ...facts, timeZone: 'America/New_York', attachment: undefined as never }, 'en');
    expect(mail.subject).toBe('New voicemail from Müller, Anna (1002) (1:15)');
    expect(mail.text).toContain('New voicemail in mailbox 1001 (Zentrale).');
    expect(mail.text).toContain('Time:     Monday, 7 December 2026 at 01:40 (America/New_York)');
    expect(mail.text).toContain('Duration: 1:15 min');
    expect(mail.text).toContain('The message is in the mailbox.');
  });

  it('an unknown caller, and a caller id with line breaks stays on one line', () => {
    expect(voicemailMail({ ...facts, message: { ...facts.message, callerId: '' } }, 'de').subject).toBe('Neue Sprachnachricht von unbekannt (1:15)');
    const mail = voicemailMail({ ...facts, message: { ...facts.message, callerId: '"Evil\r\nBcc: x@y" <1>' } }, 'en');
    expect(mail.subject).toBe('New voicemail from Evil Bcc: x@y (1) (1:15)');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('tells durations as m:ss', () => {
    expect([0, 9, 60, 61, 600].map(clockDuration)).toEqual(['0:00', '0:09', '1:00', '1:01', '10:00']);
  });
});
