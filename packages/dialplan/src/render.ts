import { DialplanError } from './errors.js';
import type { DialplanContext, DialplanExtension, DialplanIR, DialplanPriority } from './ir.js';

/**
 * Prints the IR as extensions.conf text. One context after another, each preceded by its comments;
 * the first priority of an extension is `exten => name,1,...`, the others ` same => n,...`.
 * The output depends on the IR only (no clock, no environment), so it is byte-for-byte stable.
 *
 * @example
 * renderDialplan({ header: ['hello'], contexts: [] }); // '; hello\n'
 */
export function renderDialplan(ir: DialplanIR): string {
  const blocks = [ir.header.map(comment).join('\n'), ...ir.contexts.map(renderContext)];
  return `${blocks.join('\n\n')}\n`;
}

function renderContext(context: DialplanContext): string {
  const lines = [...context.comments.map(comment), `[${code(context.name)}]`];
  for (const extension of context.extensions) lines.push(...renderExtension(extension));
  return lines.join('\n');
}

function renderExtension(extension: DialplanExtension): string[] {
  const lines = extension.comment === undefined ? [] : [comment(extension.comment)];
  extension.priorities.forEach((priority, index) => {
    const label = priority.label === undefined ? '' : `(${code(priority.label)})`;
    const head = index === 0 ? `exten => ${code(extension.name)},1${label},` : ` same => n${label},`;
    lines.push(head + renderApp(priority) + (priority.comment === undefined ? '' : ` ${comment(priority.comment)}`));
  });
  return lines;
}

function renderApp(priority: DialplanPriority): string {
  return `${code(priority.app)}(${priority.args.map(code).join(',')})`;
}

/**
 * Guards text outside comments. The flow schema keeps `;` and line breaks out of everything that
 * reaches the dialplan; if one got through anyway, it would cut a line or start new ones.
 */
function code(text: string): string {
  if (/[;\r\n]/.test(text)) throw new DialplanError('unsafe-text', `refusing to write ${JSON.stringify(text)} into the dialplan`);
  return text;
}

/** A `;` comment on one line: line breaks and other control characters become spaces. */
export function comment(text: string): string {
  return `; ${text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')}`.trimEnd();
}
