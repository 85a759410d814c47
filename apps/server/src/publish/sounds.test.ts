import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncSounds } from './sounds.js';

describe('syncSounds (uploaded prompts)', () => {
  let dir: string;
  let root: string;
  let upload: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swf-sounds-'));
    root = join(dir, 'root');
    mkdirSync(join(root, 'usr/share/asterisk/sounds'), { recursive: true });
    upload = join(dir, 'ansage.wav');
    writeFileSync(upload, 'RIFF first');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a prompt once, and again only when the upload changed', async () => {
    const target = join(root, 'usr/share/asterisk/sounds/stumpfworks/prompts/ansage.wav');
    expect(await syncSounds(root, [], [{ id: 'ansage', file: upload }])).toEqual([target]);
    expect(readFileSync(target, 'utf8')).toBe('RIFF first');
    expect(await syncSounds(root, [], [{ id: 'ansage', file: upload }])).toEqual([]);
    // Uploaded again: same size, newer file.
    writeFileSync(upload, 'RIFF again');
    const later = new Date(Date.now() + 5000);
    utimesSync(upload, later, later);
    expect(await syncSounds(root, [], [{ id: 'ansage', file: upload }])).toEqual([target]);
    expect(readFileSync(target, 'utf8')).toBe('RIFF again');
    // A different size is copied even when the upload looks older.
    writeFileSync(upload, 'RIFF shorter'.slice(0, 6));
    utimesSync(upload, new Date(0), new Date(0));
    expect(await syncSounds(root, [], [{ id: 'ansage', file: upload }])).toEqual([target]);
    expect(readFileSync(target, 'utf8')).toBe('RIFF s');
  });

  it('skips an upload whose file is gone', async () => {
    expect(await syncSounds(root, [], [{ id: 'weg', file: join(dir, 'weg.wav') }])).toEqual([]);
  });
});
