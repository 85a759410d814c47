import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listMessages, parseMessageInfo, splitCallerId } from './messages.js';

const info = (id: string, callerid: string, origtime: number, duration: number) => `;
; Message Information file
;
[message]
origmailbox=1000
context=swf-vm-test
exten=leave
callerid=${callerid}
origdate=Mon Dec  7 06:00:00 AM UTC 2026
origtime=${origtime}
msg_id=${id}
flag=
duration=${duration}
`;

describe('voicemail messages on disk', () => {
  let spool: string | undefined;
  afterEach(() => spool && rmSync(spool, { recursive: true, force: true }));

  it('splits caller ids', () => {
    expect(splitCallerId('"Müller, Hans" <4930123>')).toEqual({ name: 'Müller, Hans', number: '4930123' });
    expect(splitCallerId('Kunde <0301>')).toEqual({ name: 'Kunde', number: '0301' });
    expect(splitCallerId('<0301>')).toEqual({ name: '', number: '0301' });
    expect(splitCallerId('Unknown')).toEqual({ name: '', number: 'Unknown' });
  });

  it('parses the [message] lines', () => {
    expect(parseMessageInfo(info('1765000000-0', '"A" <1>', 1765000000, 7))).toMatchObject({ msg_id: '1765000000-0', duration: '7', origtime: '1765000000' });
  });

  it('lists INBOX before Old, skips a .txt without its .wav and ids app_voicemail would not make', () => {
    spool = mkdtempSync(join(tmpdir(), 'swf-vm-'));
    const put = (folder: string, n: string, text: string, wav = true) => {
      mkdirSync(join(spool!, '1000', folder), { recursive: true });
      writeFileSync(join(spool!, '1000', folder, `msg${n}.txt`), text);
      if (wav) writeFileSync(join(spool!, '1000', folder, `msg${n}.wav`), 'RIFF');
    };
    put('Old', '0000', info('1765000000-1', '"Alt" <0301>', 1765000000, 3));
    put('INBOX', '0000', info('1765000100-2', '"Neu" <0302>', 1765000100, 12));
    put('INBOX', '0001', info('1765000200-3', '<0303>', 1765000200, 4), false);
    put('INBOX', '0002', info('../../etc', '<0304>', 1765000300, 4));
    const messages = listMessages(spool, '1000');
    expect(messages.map((m) => [m.folder, m.id, m.callerName, m.callerNumber, m.durationSeconds])).toEqual([
      ['INBOX', '1765000100-2', 'Neu', '0302', 12],
      ['Old', '1765000000-1', 'Alt', '0301', 3],
    ]);
    expect(messages[0]!.time).toBe('2025-12-06T05:48:20.000Z');
    expect(listMessages(spool, '1001')).toEqual([]);
  });

  it('takes the hex counter app_voicemail writes from its 10th message on (`%08x`)', () => {
    spool = mkdtempSync(join(tmpdir(), 'swf-vm-'));
    const inbox = join(spool, '1000', 'INBOX');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'msg0000.txt'), info('1796639155-0000000a', '<0301>', 1796639155, 3));
    writeFileSync(join(inbox, 'msg0000.wav'), '');
    expect(listMessages(spool, '1000').map((m) => m.id)).toEqual(['1796639155-0000000a']);
  });
});
