/** Why the engine refused to step: a bug in the caller or a flow library that does not fit. */
export type EngineErrorCode =
  | 'unknown-flow'
  | 'duplicate-flow'
  | 'no-start'
  | 'unknown-node'
  | 'unknown-node-type'
  | 'call-ended'
  | 'unexpected-event'
  /** Sub-flows called deeper than MAX_CALL_DEPTH (validation refuses such flows). */
  | 'call-depth';

/** Thrown by `step` for a call that cannot go on; the message names the flow and node. */
export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Why the simulator refused a script. */
export type SimulationErrorCode = 'bad-token' | 'token-mismatch' | 'call-ended';

/** Thrown by `parseScript` and `simulate`; `position` is the 1-based number of the token. */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';

  constructor(
    readonly code: SimulationErrorCode,
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}
