import { DialplanError } from './errors.js';

/**
 * The dialplan IR: what the compiler produces and the renderer prints. Contexts hold extensions,
 * extensions hold priorities, and every priority is one application call with its arguments.
 * The IR knows nothing about flows, so it can be tested and rendered on its own.
 */

/** One line of the dialplan: `same => n(label),App(arg1,arg2) ; comment`. */
export interface DialplanPriority {
  /** A label that `Goto` and `GotoIf` can jump to within the extension. */
  label?: string;
  app: string;
  /** Arguments, joined by commas. Empty strings keep their place: `Read(V,file,4,,1,5)`. */
  args: string[];
  comment?: string;
}

/** An extension (`s`, a digit, a number, `i`, `t`, `h`) and its priorities, numbered from 1. */
export interface DialplanExtension {
  name: string;
  priorities: DialplanPriority[];
  /** Printed on the line before the extension. */
  comment?: string;
}

/** A `[context]` with the comment lines printed above it. */
export interface DialplanContext {
  name: string;
  comments: string[];
  extensions: DialplanExtension[];
}

/** A whole generated file. */
export interface DialplanIR {
  /** Comment lines at the top of the file. */
  header: string[];
  contexts: DialplanContext[];
}

/** Shorthand for a priority. */
export function app(name: string, ...args: string[]): DialplanPriority {
  return { app: name, args };
}

/**
 * Puts a label on the first priority of a block, so a `GotoIf` can jump to the block.
 *
 * @example
 * labelled('busy', [app('Goto', 'swf-main-vm', 's', '1')]);
 */
export function labelled(label: string, block: DialplanPriority[]): DialplanPriority[] {
  const [first, ...rest] = block;
  if (!first) throw new DialplanError('empty-block', `labelled(): the block for "${label}" is empty`);
  return [{ ...first, label }, ...rest];
}
