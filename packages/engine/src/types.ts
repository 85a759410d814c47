import type { Flow, Language, Prompt } from '@stumpfworks/flow';

/** Something that happened on the call, fed into `step`. */
export type CallEvent =
  | { type: 'start' }
  /** The prompt or application the call waits for has finished (playback done, voicemail left...). */
  | { type: 'done' }
  | { type: 'digits'; digits: string }
  | { type: 'timeout' }
  /** `answeredBy`: the target that answered, as dialled (an `answer` whose engine knows it). */
  | { type: 'dialResult'; result: DialResult; answeredBy?: string }
  | { type: 'queueResult'; result: QueueResult }
  /** What an HTTP request came back with. */
  | { type: 'httpResult'; result: HttpResult }
  | { type: 'hangup' };

export type DialResult = 'answer' | 'busy' | 'noanswer' | 'unavailable';
export type QueueResult = 'answer' | 'overflow';

/**
 * The end of an HTTP request: a response (any status), no complete response within the node's
 * timeout, or a failure without a response (connection refused or closed, bad address...).
 */
export type HttpResult = { kind: 'response'; status: number; body: string } | { kind: 'timeout' } | { kind: 'failure' };

/** What the call waits for after a step. */
export type WaitKind = 'prompt' | 'input' | 'dial' | 'queue' | 'app' | 'http';

/** How a call ended. */
export type Outcome =
  /** The flow hung up: a Hangup node, or an unconnected optional output. */
  | { kind: 'hangup'; flowId: string; nodeId: string }
  /** A Dial, Queue or TransferExternal was answered and its `answered` output is unconnected. */
  | { kind: 'connected'; flowId: string; nodeId: string; via: 'dial' | 'queue' | 'transfer'; target: string }
  | { kind: 'voicemail'; flowId: string; nodeId: string; mailbox: string }
  | { kind: 'conference'; flowId: string; nodeId: string; room: string }
  /** The caller hung up while the flow was still running. */
  | { kind: 'callerHangup'; flowId: string; nodeId: string }
  /** A safety stop: too many node visits without the call ending (validation prevents this). */
  | { kind: 'loopLimit'; flowId: string; nodeId: string };

/** An instruction for whoever runs the call. `step` only returns them; drivers perform them. */
export type Effect =
  /**
   * A node was entered. `digits` are the keys that led here, if any; `edge` is the connection the
   * call came along (absent at a flow's Start node).
   */
  | { type: 'visit'; flowId: string; nodeId: string; digits?: string; edge?: VisitEdge }
  | { type: 'answer' }
  | { type: 'setLanguage'; language: Language }
  | { type: 'setVariable'; name: string; value: string }
  /** Play a prompt; the call waits for `done`. */
  | { type: 'play'; prompt: Prompt; file: string; text: string; language: Language }
  /**
   * Play a prompt (may be barged in) and read keys; the call waits for `digits` or `timeout`.
   * A menu reads one key, or a whole direct-dial extension; digits read up to `maxDigits` or the terminator.
   */
  | {
      type: 'readInput';
      purpose: 'menu' | 'digits' | 'pin';
      prompt: Prompt;
      file: string;
      text: string;
      language: Language;
      timeoutSeconds: number;
      maxDigits: number;
      terminator?: '#' | '*';
      /**
       * The whole entries that lead somewhere (a menu's connected keys and direct-dial extensions):
       * keys are read as a menu reads them (an entry no longer entry starts is complete at once).
       * Without it keys are read up to `maxDigits` or the terminator.
       */
      entries?: string[];
      /** Seconds to wait for a further key when the keys so far start a longer entry (a menu's direct dial). */
      digitTimeoutSeconds?: number;
      attempt: number;
    }
  /** Ring targets; the call waits for `dialResult`. */
  | { type: 'dial'; targets: string[]; ringSeconds: number }
  | { type: 'queue'; queue: string; maxWaitSeconds: number }
  /** `endsWith`: the application's end is the call's end (its node's `next` is unconnected), with this outcome. */
  | { type: 'voicemail'; mailbox: string; greeting: 'unavailable' | 'busy' | 'none'; skipInstructions?: true; endsWith?: Outcome }
  | { type: 'conference'; room: string; endsWith?: Outcome }
  | { type: 'record'; action: 'start' | 'stop' }
  /** Mark the call with a recording policy (a Consent node, after its notice): inherited by every channel it dials. */
  | { type: 'recordingMark'; policy: 'always' | 'onDemand' }
  | { type: 'transfer'; number: string; route: string; ringSeconds: number }
  /**
   * Make an HTTP request (the references in `url` and `body` are already filled in); the call
   * waits for `httpResult`. A body is sent as `Content-Type: application/json`.
   */
  | { type: 'httpRequest'; method: 'GET' | 'POST'; url: string; body?: string; timeoutSeconds: number }
  | { type: 'hangup' }
  | { type: 'end'; outcome: Outcome };

/** A connection of the flow, by its `from` node and output (its `to` is the visited node). */
export interface VisitEdge {
  from: string;
  output: string;
}

/** Everything about a call in progress. Plain data: it can be stored, sent and compared. */
export interface CallSnapshot {
  status: 'running' | 'waiting' | 'ended';
  flowId: string;
  nodeId: string;
  waitingFor?: WaitKind;
  /** Attempts so far at the current menu, digit collection or PIN prompt (1 = first). */
  attempts: number;
  /** Of those, the ones that ended in silence (a timeout): a menu that counts timeouts apart from wrong keys reads it. */
  timeouts: number;
  /** The current target index of a sequential dial. */
  dialIndex: number;
  language: Language;
  callerId: string;
  vars: Record<string, string>;
  /** Node visits so far: the loop guard. */
  visits: number;
  /**
   * The CallFlow nodes waiting for their sub-flow to return, innermost last (absent or empty: none).
   * A Return node continues at the last one's `next` output.
   */
  returns?: ReturnPoint[];
  outcome?: Outcome;
}

/** A CallFlow node a sub-flow returns to. */
export interface ReturnPoint {
  flowId: string;
  nodeId: string;
}

/** The flows a call can reach: its own and its sub-flows. */
export interface FlowLibrary {
  get(flowId: string): Flow | undefined;
}

/** The injected clock. The simulator's is virtual; the live runtime's is the wall clock. */
export interface Clock {
  now(): Date;
}

/** What `step` and `startCall` return: the next snapshot and the effects to perform, in order. */
export interface StepResult {
  snapshot: CallSnapshot;
  effects: Effect[];
}
