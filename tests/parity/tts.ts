/**
 * Offline text-to-speech for prompts: espeak-ng speaks, sox converts to 8 kHz mono 16-bit WAV,
 * the format Asterisk plays without transcoding cost. Files land under the Asterisk root's
 * `sounds/<lang>/`, so Asterisk's own language lookup picks the call's language.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readlinkSync, renameSync, rmSync, lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { promptFile, type Flow, type Language, type Prompt } from '@stumpfworks/flow';

const run = promisify(execFile);

/** A path inside the chroot, resolved on the host (Debian's sounds/en is an absolute symlink). */
export function hostPath(root: string, pathInRoot: string): string {
  let current = root;
  for (const part of pathInRoot.split('/').filter(Boolean)) {
    current = join(current, part);
    for (let hops = 0; hops < 10 && isLink(current); hops++) {
      const target = readlinkSync(current);
      current = isAbsolute(target) ? hostPath(root, target) : resolve(dirname(current), target);
    }
  }
  return current;
}

/** lstat, not stat: a link inside the root may point at a path that only exists inside the root. */
function isLink(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

/** Every TTS prompt of the flows, with the file name all engines play. */
export function ttsPrompts(flows: Flow[]): Array<{ file: string; text: Partial<Record<Language, string>> }> {
  const byFile = new Map<string, Partial<Record<Language, string>>>();
  for (const flow of flows) {
    for (const node of flow.nodes) {
      const prompt = (node.params as { prompt?: Prompt }).prompt;
      if (prompt?.kind === 'tts') byFile.set(promptFile(prompt), prompt.text);
    }
  }
  return [...byFile].map(([file, text]) => ({ file, text }));
}

const VOICES: Record<Language, string> = { de: 'de', en: 'en' };

/** Speaks each prompt in each of its languages into the root, skipping files that already exist. */
export async function renderTtsPrompts(root: string, flows: Flow[]): Promise<number> {
  let made = 0;
  const jobs = ttsPrompts(flows).flatMap(({ file, text }) =>
    (Object.keys(text) as Language[]).map((lang) => ({ file, lang, text: text[lang]! })),
  );
  await Promise.all(
    jobs.map(async ({ file, lang, text }) => {
      const target = join(hostPath(root, `/usr/share/asterisk/sounds/${lang}`), `${file}.wav`);
      if (existsSync(target)) return;
      mkdirSync(dirname(target), { recursive: true });
      const raw = `${target}.espeak.wav`;
      const tmp = `${target}.tmp.wav`;
      try {
        await run('espeak-ng', ['-v', VOICES[lang], '-s', '175', '-w', raw, text]);
        await run('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', tmp]);
        renameSync(tmp, target);
        made++;
      } finally {
        rmSync(raw, { force: true });
        rmSync(tmp, { force: true });
      }
    }),
  );
  return made;
}
