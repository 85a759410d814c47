export { compileFlows, GENERATED_HEADER, type CompileResult } from './compile.js';
export type { FlowDiagnostics, SetDiagnosticCode } from './check.js';
export type { CompileOptions } from './options.js';
export { renderDialplan } from './render.js';
export type { DialplanContext, DialplanExtension, DialplanIR, DialplanPriority } from './ir.js';
export { closedDaysContext, DEFAULT_ENTRY_CONTEXT, flowContext, nodeContext } from './names.js';
export { DialplanError, type DialplanErrorCode } from './errors.js';
export * from './resources/index.js';
