/**
 * Context names. Flow and node ids are slugs of at most 32 characters, so every name stays under
 * Asterisk's limit of 79 characters: `swf-` (4) + 32 + `-` + 32 + `-closed` (7) = 76.
 */

/** The default context that holds one extension per flow number. */
export const DEFAULT_ENTRY_CONTEXT = 'stumpfworks-flows';

/** A flow's own context: `s` jumps to its Start node. GotoFlow and the entry context go here. */
export function flowContext(flowId: string): string {
  return `swf-${flowId}`;
}

/** The context of one node; its `s` extension runs the node. */
export function nodeContext(flowId: string, nodeId: string): string {
  return `swf-${flowId}-${nodeId}`;
}

/** A time condition's closed days (closed dates and holidays), one extension `YYYYMMDD` each. */
export function closedDaysContext(flowId: string, nodeId: string): string {
  return `${nodeContext(flowId, nodeId)}-closed`;
}
