import type { I18nText } from './nodes/node-type.js';

export type Severity = 'error' | 'warning';

/** A problem the admin can fix, tied to a node (and maybe an output), in plain German and English. */
export interface Diagnostic {
  /** Stable, for tests, docs and the UI: `menu-no-timeout`, `dangling-edge`... */
  code: DiagnosticCode;
  severity: Severity;
  nodeId?: string;
  output?: string;
  message: I18nText;
}

/** A code of a check every flow gets; node types add their own (`NodeDiagnosticCode`). */
export type DiagnosticCode = FlowDiagnosticCode | NodeDiagnosticCode;

/**
 * A code a node type reports about its own nodes, from its description (`whenMissing` of an
 * output, `diagnose`): kebab case, starting with the type (`menu-no-timeout`). Open, so that a new
 * node type brings its codes along without touching this file. (`& {}` keeps TypeScript from
 * folding the flow codes into the template, so they still autocomplete and `Extract` finds them.)
 */
export type NodeDiagnosticCode = `${string}-${string}` & {};

export type FlowDiagnosticCode =
  | 'no-start'
  | 'multiple-start'
  | 'dangling-edge'
  | 'unknown-output'
  | 'duplicate-output'
  | 'unconnected-output'
  | 'unreachable-node'
  | 'endless-loop'
  | 'unknown-extension'
  | 'unknown-queue'
  | 'unknown-mailbox'
  | 'unknown-room'
  | 'unknown-flow'
  | 'unknown-route'
  | 'unknown-prompt'
  | 'unset-variable'
  /** Compiling a set of flows: two flows answer the same number. */
  | 'duplicate-number'
  /** Compiling a set of flows: two nodes would get the same Asterisk context name. */
  | 'context-clash';

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** One line per diagnostic, for the command line and logs. */
export function formatDiagnostic(d: Diagnostic, language: 'de' | 'en' = 'en'): string {
  const where = d.nodeId ? ` node "${d.nodeId}"${d.output ? ` output "${d.output}"` : ''}` : '';
  return `${d.severity}${where} [${d.code}]: ${d.message[language]}`;
}
