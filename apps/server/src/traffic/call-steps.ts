/** Calls followed at most; beyond, the one not heard of longest is forgotten (its next visit then counts as a first one). */
const MAX_CALLS = 20_000;

interface Followed {
  version: number;
  last: string;
  seen: Set<string>;
}

/**
 * Where each call is in each flow, from its visits as they arrive: what a new visit's step is
 * (the node before it in the same flow, whether it was there before), and the node a live call
 * is at now. In memory and bounded: calls end without telling, so the oldest are dropped. After a
 * server restart a call still up starts again as if it had just entered.
 */
export class CallSteps {
  private readonly calls = new Map<string, Followed>();

  constructor(private readonly maxCalls = MAX_CALLS) {}

  /** Records a visit; returns the node before it in this flow (null: first) and whether it is a revisit. */
  step(callId: string, flowId: string, version: number, nodeId: string): { prev: string | null; revisit: boolean } {
    const key = `${callId}\n${flowId}`;
    const before = this.calls.get(key);
    this.calls.delete(key); // re-inserted last: the Map's order is the order of the latest visit
    if (!before || before.version !== version) {
      this.remember(key, { version, last: nodeId, seen: new Set([nodeId]) });
      return { prev: null, revisit: false };
    }
    const revisit = before.seen.has(nodeId);
    before.seen.add(nodeId);
    const prev = before.last;
    before.last = nodeId;
    this.remember(key, before);
    return { prev, revisit };
  }

  /** How many of `callIds` are at each node of `flowId` version `version` (their latest visit there). */
  at(flowId: string, version: number, callIds: Iterable<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const callId of callIds) {
      const call = this.calls.get(`${callId}\n${flowId}`);
      if (call?.version === version) counts.set(call.last, (counts.get(call.last) ?? 0) + 1);
    }
    return counts;
  }

  private remember(key: string, call: Followed): void {
    this.calls.set(key, call);
    if (this.calls.size > this.maxCalls) this.calls.delete(this.calls.keys().next().value!);
  }
}
