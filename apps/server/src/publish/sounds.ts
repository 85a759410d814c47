import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { promptFile, type Flow, type Language, type Prompt } from '@stumpfworks/flow';
import { synthesize } from '../prompts/prompt-audio.js';

/** Where Asterisk looks for sounds, inside its root. */
const SOUNDS = '/usr/share/asterisk/sounds';
const LANGUAGES: Language[] = ['de', 'en'];

/**
 * A path inside the Asterisk root, resolved on the host: Debian's `sounds/en` is an absolute
 * symlink that only makes sense inside the root (`/` for a container or a plain install).
 */
export function pathInRoot(root: string, path: string): string {
  let current = root;
  for (const part of path.split('/').filter(Boolean)) {
    current = join(current, part);
    for (let hops = 0; hops < 10 && lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink(); hops++) {
      const target = readlinkSync(current);
      current = isAbsolute(target) ? pathInRoot(root, target) : resolve(dirname(current), target);
    }
  }
  return current;
}

/** Every TTS prompt of the flows, by the file name the dialplan plays. */
export function ttsPrompts(flows: Flow[]): Map<string, Partial<Record<Language, string>>> {
  const byFile = new Map<string, Partial<Record<Language, string>>>();
  for (const flow of flows) {
    for (const node of flow.nodes) {
      const prompt = (node.params as { prompt?: Prompt }).prompt;
      if (prompt?.kind === 'tts') byFile.set(promptFile(prompt), prompt.text);
    }
  }
  return byFile;
}

/**
 * Puts the sounds the published flows play where Asterisk finds them: TTS prompts spoken per
 * language into `sounds/<lang>/stumpfworks/tts/<hash>.wav` (named by a hash of the text, so an
 * existing file is never stale and is skipped), uploaded prompts into
 * `sounds/stumpfworks/prompts/<id>.wav` (no language dir: Asterisk falls back to it for every
 * language; copied only when missing or older than the upload, so a publish does not copy every
 * prompt again). Files are only added, never removed, so a rollback needs nothing here.
 * Returns the files written.
 */
export async function syncSounds(root: string, flows: Flow[], uploads: Array<{ id: string; file: string }>): Promise<string[]> {
  const written: string[] = [];
  // Resolved when first needed: flows without text prompts need neither, and resolving lstats every part of the path.
  const soundsOf = new Map<Language, string>();
  const soundsDir = (lang: Language) => soundsOf.get(lang) ?? soundsOf.set(lang, pathInRoot(root, `${SOUNDS}/${lang}`)).get(lang)!;
  for (const [file, text] of ttsPrompts(flows)) {
    for (const lang of LANGUAGES) {
      const spoken = text[lang];
      if (!spoken) continue;
      const target = join(soundsDir(lang), `${file}.wav`);
      if (existsSync(target)) continue;
      mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
      const temp = `${target}.${process.pid}.tmp.wav`;
      await synthesize(spoken, lang, temp);
      renameSync(temp, target);
      written.push(target);
    }
  }
  const prompts = uploads.length > 0 ? join(pathInRoot(root, SOUNDS), 'stumpfworks', 'prompts') : '';
  for (const upload of uploads) {
    const source = statSync(upload.file, { throwIfNoEntry: false });
    if (!source) continue;
    const target = join(prompts, `${upload.id}.wav`);
    const copied = statSync(target, { throwIfNoEntry: false });
    if (copied && copied.size === source.size && copied.mtimeMs >= source.mtimeMs) continue;
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    const temp = `${target}.${process.pid}.tmp`;
    copyFileSync(upload.file, temp);
    renameSync(temp, target);
    written.push(target);
  }
  return written;
}
