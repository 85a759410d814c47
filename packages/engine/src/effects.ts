import { promptFile, promptText, type Language, type Prompt } from '@stumpfworks/flow';
import type { Effect } from './types.js';

/** Replaces `${NAME}` references by the call's variables; an unset variable is the empty string. */
export function interpolate(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_match, name: string) => vars[name] ?? '');
}

const files = new WeakMap<Prompt, string>();

/** `promptFile`, remembered per prompt object: TTS names hash the text, and paths ask often. */
function fileOf(prompt: Prompt): string {
  let file = files.get(prompt);
  if (file === undefined) {
    file = promptFile(prompt);
    files.set(prompt, file);
  }
  return file;
}

/** A `play` effect for a prompt in the call's language. */
export function playEffect(prompt: Prompt, language: Language): Effect {
  return { type: 'play', prompt, file: fileOf(prompt), text: promptText(prompt, language), language };
}

/** The details of a `readInput` effect that differ between menus, digit collection and PINs. */
export interface ReadInputOptions {
  purpose: 'menu' | 'digits' | 'pin';
  prompt: Prompt;
  language: Language;
  timeoutSeconds: number;
  maxDigits: number;
  terminator?: '#' | '*';
  entries?: string[];
  digitTimeoutSeconds?: number;
  attempt: number;
}

/** A `readInput` effect: the prompt (interruptible) and the key reading. */
export function readInputEffect(o: ReadInputOptions): Effect {
  return {
    type: 'readInput',
    purpose: o.purpose,
    prompt: o.prompt,
    file: fileOf(o.prompt),
    text: promptText(o.prompt, o.language),
    language: o.language,
    timeoutSeconds: o.timeoutSeconds,
    maxDigits: o.maxDigits,
    ...(o.terminator ? { terminator: o.terminator } : {}),
    ...(o.entries ? { entries: o.entries } : {}),
    ...(o.digitTimeoutSeconds !== undefined ? { digitTimeoutSeconds: o.digitTimeoutSeconds } : {}),
    attempt: o.attempt,
  };
}

/** A variable assignment as an effect plus the new variables (the old object is left alone). */
export function assign(vars: Record<string, string>, name: string, value: string) {
  return {
    effect: { type: 'setVariable', name, value } satisfies Effect,
    vars: { ...vars, [name]: value },
  };
}
