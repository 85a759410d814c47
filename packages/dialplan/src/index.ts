export { compileFlows, GENERATED_HEADER, type CompileResult } from './compile.js';
export type { FlowDiagnostics, SetDiagnosticCode } from './check.js';
export { resolveOptions, type CompileOptions, type ResolvedOptions } from './options.js';
export { renderDialplan } from './render.js';
export type { DialplanContext, DialplanExtension, DialplanIR, DialplanPriority } from './ir.js';
export { closedDaysContext, DEFAULT_ENTRY_CONTEXT, flowContext, nodeContext } from './names.js';
export { DialplanError, type DialplanErrorCode } from './errors.js';
export { registerNodeCompiler } from './nodes/index.js';
export { dialedPeer } from './nodes/dial.compile.js';
export { voicemailOptions } from './nodes/voicemail.compile.js';
export {
  DEFAULT_ARI_APP,
  FALLBACK_CONTEXT,
  HANDOFF_CONTEXTS,
  HANDOFF_VARS,
  RESUME_ARG,
  handoffContexts,
  type HandoffKind,
} from './ari/index.js';
export * from './resources/index.js';
export { CONTROL_CHARS, copyWithout, jsonStringSteps, MAPPED_DROPPED_CHARS, urlValueSteps } from './safe-values.js';
export { callerNumberSteps, HTTP_VARS, mappedFieldSteps } from './nodes/http-request.compile.js';
