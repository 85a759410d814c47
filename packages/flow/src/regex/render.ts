import type { CharRange, RegexNode } from './ast.js';

/**
 * The pattern as POSIX ERE for Asterisk's REGEX(), without the `^(...)$` around it. Nothing in
 * it is special to the dialplan: no backslash (REGEX's argument parser removes them), no quote,
 * no `;`, no `$[` or `${` (a `$` anchor before `[` is written `($)`), and parentheses and brackets
 * pair up (the argument parser and the substitution count them). Literal `. * +` are written as
 * bracket expressions (`[.]`).
 *
 * @example renderPosix(parseValidRegex('\\+49[0-9]{6,}')); // '[+]49[0-9]{6,}'
 */
export function renderPosix(node: RegexNode): string {
  switch (node.kind) {
    case 'char':
      return '.*+'.includes(node.char) ? `[${node.char}]` : node.char;
    case 'set':
      return renderSet(node.negated, node.ranges, '-');
    case 'sequence':
      return node.items.map(renderPosix).reduce((text, piece) => (text.endsWith('$') && piece.startsWith('[') ? `${text.slice(0, -1)}($)${piece}` : text + piece), '');
    case 'alternation':
      return node.options.map(renderPosix).join('|');
    case 'group':
      return `(${renderPosix(node.body)})`;
    case 'repeat':
      return renderPosix(node.body) + quantifier(node);
    default:
      return shared(node);
  }
}

/**
 * The pattern as a JavaScript RegExp source, without `^(?:...)$` around it.
 *
 * @example new RegExp(`^(?:${renderJavaScript(ast)})$`).test(value)
 */
export function renderJavaScript(node: RegexNode): string {
  switch (node.kind) {
    case 'char':
      return '.*+'.includes(node.char) ? `\\${node.char}` : node.char;
    case 'set':
      return renderSet(node.negated, node.ranges, '\\-');
    case 'sequence':
      return node.items.map(renderJavaScript).join('');
    case 'alternation':
      return node.options.map(renderJavaScript).join('|');
    case 'group':
      return `(?:${renderJavaScript(node.body)})`;
    case 'repeat':
      return renderJavaScript(node.body) + quantifier(node);
    default:
      return shared(node);
  }
}

function shared(node: Extract<RegexNode, { kind: 'any' | 'start' | 'end' }>): string {
  return node.kind === 'any' ? '.' : node.kind === 'start' ? '^' : '$';
}

/** A bracket expression; a literal `-` goes last (POSIX) or escaped (JavaScript). */
function renderSet(negated: boolean, ranges: CharRange[], dash: string): string {
  const items = ranges.filter((r) => r.from !== '-').map((r) => (r.from === r.to ? r.from : `${r.from}-${r.to}`));
  const hasDash = ranges.some((r) => r.from === '-');
  return `[${negated ? '^' : ''}${items.join('')}${hasDash ? dash : ''}]`;
}

function quantifier(node: Extract<RegexNode, { kind: 'repeat' }>): string {
  if (node.form !== 'count') return node.form;
  if (node.max === node.min) return `{${node.min}}`;
  return node.max === undefined ? `{${node.min},}` : `{${node.min},${node.max}}`;
}
