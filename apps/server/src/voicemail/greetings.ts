import { chownSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The greetings of a box and app_voicemail's file name for each (in the box's directory). */
export const GREETING_FILES = { unavailable: 'unavail', busy: 'busy', name: 'greet', temporary: 'temp' } as const;
export type GreetingKind = keyof typeof GREETING_FILES;
export const GREETING_KINDS = Object.keys(GREETING_FILES) as GreetingKind[];

/** Where the greeting `kind` of `box` lives as WAV (voicemail.conf `format = wav`). */
export function greetingFile(spool: string, box: string, kind: GreetingKind): string {
  return join(spool, box, `${GREETING_FILES[kind]}.wav`);
}

/** The greeting's size in bytes, or undefined when the box has none of that kind. */
export function greetingBytes(spool: string, box: string, kind: GreetingKind): number | undefined {
  const file = greetingFile(spool, box, kind);
  return existsSync(file) ? statSync(file).size : undefined;
}

/**
 * The box's directory, created like the spool's (Asterisk's user, who replaces a greeting when the
 * caller records it by phone) when the box has had no message yet.
 */
export function boxDir(spool: string, box: string): string {
  const owner = statSync(dirname(spool));
  for (const dir of [spool, join(spool, box)]) {
    if (existsSync(dir)) continue;
    mkdirSync(dir, { mode: 0o750 });
    chownSync(dir, owner.uid, owner.gid);
  }
  return join(spool, box);
}

/** Puts a converted WAV (`source`, in the box's directory) in place as the greeting, owned like the box. */
export function installGreeting(spool: string, box: string, kind: GreetingKind, source: string): void {
  const owner = statSync(boxDir(spool, box));
  chownSync(source, owner.uid, owner.gid);
  renameSync(source, greetingFile(spool, box, kind));
}

/** Removes the greeting in every format app_voicemail may have left (a phone recording is WAV here, but older ones may not be). */
export function removeGreeting(spool: string, box: string, kind: GreetingKind): boolean {
  const dir = join(spool, box);
  if (!existsSync(dir)) return false;
  const names = readdirSync(dir).filter((n) => n.startsWith(`${GREETING_FILES[kind]}.`) && /^[a-z]+\.[A-Za-z0-9]+$/.test(n));
  for (const name of names) rmSync(join(dir, name), { force: true });
  return names.length > 0;
}
