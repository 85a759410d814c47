/** One node visit, in either engine: what the canvas shows as live traffic. */
export interface NodeVisit {
  flowId: string;
  /** The flow document's version the call runs (its `version` field if present, else the schema version). */
  flowVersion: number;
  nodeId: string;
  /** The call: the Stasis channel's id. */
  callId: string;
  /** ISO time of the visit (wall clock; the injected SWF_NOW only drives time conditions). */
  time: string;
  /** The keys that led here (a menu choice, a direct-dial number). */
  digits?: string;
}

/** Where visits go. The server will store them; tests read `MemoryVisitSink`. Must not throw. */
export interface VisitSink {
  visit(visit: NodeVisit): void;
}

/** Keeps every visit in memory, in order. */
export class MemoryVisitSink implements VisitSink {
  readonly visits: NodeVisit[] = [];
  visit(visit: NodeVisit): void {
    this.visits.push(visit);
  }
  /** The visits of one call as `flow/node`. */
  pathOf(callId: string): string[] {
    return this.visits.filter((v) => v.callId === callId).map((v) => `${v.flowId}/${v.nodeId}`);
  }
}
