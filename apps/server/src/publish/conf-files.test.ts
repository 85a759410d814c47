import { chownSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { confFilesIn } from './conf-files.js';

const isRoot = process.getuid?.() === 0;

describe('confFilesIn: the generated files hold secrets', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'swf-conf-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes 0640 whatever the umask, atomically (no temp file left), and reads back', () => {
    const dir = tempDir();
    const files = confFilesIn(dir);
    for (const umask of [0o022, 0o077, 0o000]) {
      const before = process.umask(umask);
      try {
        files.write('pjsip.conf', `[1000]\npassword = secret-${umask}\n`);
      } finally {
        process.umask(before);
      }
      expect((statSync(join(dir, 'pjsip.conf')).mode & 0o777).toString(8)).toBe('640');
      expect(files.read('pjsip.conf')).toContain(`secret-${umask}`);
    }
    expect(readdirSync(dir)).toEqual(['pjsip.conf']);
  });

  it('puts an existing world-readable file back to 0640 when it rewrites it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'extensions.conf'), 'old', { mode: 0o644 });
    confFilesIn(dir).write('extensions.conf', 'new');
    expect((statSync(join(dir, 'extensions.conf')).mode & 0o777).toString(8)).toBe('640');
  });

  // Changing a file's group to one the process is no member of needs root.
  it.runIf(isRoot)('keeps the group of the file it replaces, else takes the dir’s (Asterisk reads through it)', () => {
    const dir = tempDir();
    const asteriskLike = 4242;
    writeFileSync(join(dir, 'queues.conf'), 'old');
    chownSync(join(dir, 'queues.conf'), 0, asteriskLike);
    const files = confFilesIn(dir);
    files.write('queues.conf', 'new');
    expect(statSync(join(dir, 'queues.conf')).gid).toBe(asteriskLike);
    chownSync(dir, 0, asteriskLike + 1);
    files.write('confbridge.conf', 'new file');
    expect(statSync(join(dir, 'confbridge.conf')).gid).toBe(asteriskLike + 1);
  });
});
