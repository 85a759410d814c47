import { startCall, step, type CallEvent, type CallSnapshot, type Clock, type Effect, type StepResult } from '@stumpfworks/engine';
import { HANDOFF_VARS } from '@stumpfworks/dialplan';
import { AriRequestError, type AriEvent } from '../adapter/types.js';
import { errorText } from '../logger.js';
import { afterKey, onSilence, type KeyReading } from './digit-reader.js';
import { handoffFor, isHandoffEffect, resumeEvent, type HandoffEffect } from './handoff.js';
import type { FlowSet, RuntimeContext } from './context.js';
import type { HttpRequestEffect } from './http-client.js';
import { tracesEnd } from './trace.js';

/** What the call waits for on the ARI side. */
type Waiting =
  | { kind: 'playback'; playbackId: string }
  | { kind: 'input'; reading: KeyReading; playbackId: string | undefined; keys: string; timer: NodeJS.Timeout | undefined };

/** The return from a hand-over: the status the dialplan passed, or the caller hung up meanwhile. */
type HandoffReturn = { kind: 'status'; status: string } | { kind: 'hangup' };

/**
 * One call in the Stasis app: feeds ARI events into the engine's `step` and performs the effects.
 * Events are handled one at a time, in arrival order (a promise chain); a hand-over to the
 * dialplan is awaited inside that chain, and its return (or the caller's hangup) settles it
 * directly. Any failure is logged with the call id and ends in the node's failure output (dial,
 * transfer, queue) or the fallback context, never in an exception or a channel left waiting.
 */
export class CallSession {
  private snapshot: CallSnapshot | undefined;
  private chain: Promise<void> = Promise.resolve();
  private waiting: Waiting | undefined;
  private pendingReturn: { token: string; settle: (r: HandoffReturn) => void } | undefined;
  /** An HTTP request under way: the caller hanging up (or an outage) ends the wait at once. */
  private pendingHttp: { abort: AbortController; settle: (event: CallEvent) => void } | undefined;
  private handoffs = 0;
  private subscribed = false;
  private endTraced = false;
  private hungUp = false;
  private finished = false;
  private failedOver = false;

  constructor(
    private readonly ctx: RuntimeContext,
    readonly callId: string,
    private readonly clock: Clock,
    private readonly flows: FlowSet,
  ) {}

  get ended(): boolean {
    return this.finished;
  }

  /** Begins the flow at its Start node. */
  start(flowId: string, callerId: string): void {
    this.enqueue(async () => {
      await this.apply(startCall(this.flows.library, flowId, { callerId, clock: this.clock }));
    });
  }

  /** An ARI event about this call's channel. */
  handle(event: AriEvent): void {
    if (this.finished) return;
    if (event.type === 'ChannelHangupRequest' || event.type === 'ChannelDestroyed') {
      if (this.hungUp) return;
      this.hungUp = true;
      this.clearInput();
      if (this.pendingReturn) this.pendingReturn.settle({ kind: 'hangup' });
      else if (this.pendingHttp) this.pendingHttp.settle({ type: 'hangup' });
      else this.enqueue(() => this.feed({ type: 'hangup' }));
      return;
    }
    this.enqueue(() => this.onEvent(event));
  }

  /** The channel came back from a hand-over: `Stasis(app,resume,<token>,<status>)`. False if it was not expected. */
  resume(token: string, status: string): boolean {
    if (!this.pendingReturn || this.pendingReturn.token !== token) return false;
    this.pendingReturn.settle({ kind: 'status', status });
    return true;
  }

  /** Gives the call up (the event socket dropped): no more events are handled, the channel goes to the fallback context. */
  async abandon(reason: string): Promise<void> {
    this.finished = true;
    const handedOver = this.pendingReturn !== undefined;
    this.pendingReturn?.settle({ kind: 'hangup' });
    this.pendingHttp?.settle({ type: 'hangup' });
    // A channel in a hand-over is in the dialplan: it comes back to Stasis (then swept or, with
    // the app gone, straight to the fallback context by the hand-over context itself).
    if (handedOver) return;
    await this.stopPlayback();
    await this.ctx.toFallback(this.callId, reason);
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => this.fail(error));
  }

  private async onEvent(event: AriEvent): Promise<void> {
    const waiting = this.waiting;
    if (!waiting || this.finished) return;
    if (event.type === 'PlaybackFinished') {
      if (waiting.kind === 'playback' && event.playback.id === waiting.playbackId) {
        this.waiting = undefined;
        await this.feed({ type: 'done' });
      } else if (waiting.kind === 'input' && event.playback.id === waiting.playbackId) {
        waiting.playbackId = undefined;
        if (waiting.keys === '') this.armTimer(waiting, waiting.reading.timeoutSeconds);
      }
      return;
    }
    if (event.type === 'ChannelDtmfReceived' && waiting.kind === 'input') {
      if (waiting.playbackId) {
        const playbackId = waiting.playbackId;
        waiting.playbackId = undefined;
        this.ctx.adapter.stopPlayback(playbackId).catch((error: unknown) =>
          this.ctx.logger.info('barge-in: playback already over', { callId: this.callId, error: errorText(error) }),
        );
      }
      waiting.keys += event.digit;
      const decision = afterKey(waiting.reading, waiting.keys);
      if (decision.kind === 'wait') this.armTimer(waiting, decision.seconds);
      else {
        this.clearInput();
        await this.feed(decision.event);
      }
    }
  }

  private armTimer(waiting: Extract<Waiting, { kind: 'input' }>, seconds: number): void {
    clearTimeout(waiting.timer);
    waiting.timer = setTimeout(() => {
      if (this.waiting !== waiting) return;
      this.enqueue(async () => {
        if (this.waiting !== waiting) return;
        this.clearInput();
        await this.feed(onSilence(waiting.keys));
      });
    }, seconds * 1000);
  }

  private clearInput(): void {
    if (this.waiting?.kind === 'input') clearTimeout(this.waiting.timer);
    this.waiting = undefined;
  }

  private async feed(event: CallEvent): Promise<void> {
    if (!this.snapshot || this.snapshot.status !== 'waiting' || this.finished) return;
    await this.apply(step(this.flows.library, this.snapshot, event, this.clock));
  }

  /** Takes a step's result: performs its effects in order, then feeds what a hand-over returned. */
  private async apply(result: StepResult): Promise<void> {
    this.snapshot = result.snapshot;
    const effects = result.effects;
    let next: CallEvent | undefined;
    for (const effect of effects) {
      if (isHandoffEffect(effect)) next = await this.handOver(effect);
      else if (effect.type === 'httpRequest') next = await this.request(effect);
      else await this.perform(effect);
      if (this.finished) return;
    }
    if (next) await this.feed(next);
  }

  private async perform(effect: Effect): Promise<void> {
    const { adapter, sink, trace } = this.ctx;
    const snapshot = this.snapshot!;
    switch (effect.type) {
      case 'visit':
        sink.visit({
          flowId: effect.flowId,
          flowVersion: this.flows.version(effect.flowId),
          nodeId: effect.nodeId,
          callId: this.callId,
          time: new Date().toISOString(),
          ...(effect.digits !== undefined ? { digits: effect.digits } : {}),
        });
        return trace.visit(this.callId, effect.flowId, effect.nodeId);
      case 'answer':
        return adapter.answer(this.callId);
      case 'setLanguage':
        return adapter.setChannelVar(this.callId, 'CHANNEL(language)', effect.language);
      case 'setVariable':
        return adapter.setChannelVar(this.callId, effect.name, effect.value);
      case 'play': {
        const playbackId = this.newPlaybackId();
        this.waiting = { kind: 'playback', playbackId };
        return adapter.play(this.callId, `sound:${effect.file}`, { playbackId, lang: effect.language });
      }
      case 'readInput': {
        const playbackId = this.newPlaybackId();
        this.waiting = { kind: 'input', reading: effect, playbackId, keys: '', timer: undefined };
        await adapter.play(this.callId, `sound:${effect.file}`, { playbackId, lang: effect.language });
        return trace.input(this.callId, snapshot.flowId, snapshot.nodeId);
      }
      case 'hangup':
        // Done at `end`, which always follows: the dialplan sends SWFlowEnd before Hangup().
        return;
      case 'end':
        this.finished = true;
        this.clearInput();
        this.ctx.ended(this, effect.outcome);
        if (this.hungUp) return;
        if (tracesEnd(effect.outcome) && !this.endTraced) await trace.end(this.callId, effect.outcome);
        // Every end leaves the app: a `connected` call comes back from Dial (option g) when the
        // callee hangs up, and would otherwise stay in Stasis.
        await adapter.hangup(this.callId);
        return;
      default:
        throw new Error(`effect "${effect.type}" is not performed here`);
    }
  }

  /**
   * Makes the node's HTTP request and returns its result as the next event; a caller hanging up
   * meanwhile cancels it and returns `hangup`. A failure or timeout is logged with the call id and
   * takes the node's output like any other result.
   */
  private async request(effect: HttpRequestEffect): Promise<CallEvent> {
    const abort = new AbortController();
    const hungUp = new Promise<CallEvent>((settle) => (this.pendingHttp = { abort, settle }));
    const done = this.ctx.http(effect, abort.signal).then((outcome): CallEvent => {
      const { error, ...result } = outcome;
      const cancelled = abort.signal.aborted; // the caller hung up: nobody reads it
      if (!cancelled && (result.kind !== 'response' || result.status < 200 || result.status > 299)) {
        const { flowId, nodeId } = this.snapshot!;
        this.ctx.logger.warn('HTTP request did not succeed', {
          callId: this.callId,
          flowId,
          nodeId,
          url: effect.url,
          result: result.kind === 'response' ? `HTTP ${result.status}` : result.kind,
          ...(error ? { error } : {}),
        });
      }
      return { type: 'httpResult', result };
    });
    try {
      return await Promise.race([done, hungUp]);
    } finally {
      this.pendingHttp = undefined;
      abort.abort();
    }
  }

  /** Hands the channel to a generated dialplan context and waits for it to come back. */
  private async handOver(effect: HandoffEffect): Promise<CallEvent | undefined> {
    const { adapter } = this.ctx;
    const handoff = handoffFor(effect, this.ctx.dialing);
    const token = `${++this.handoffs}`;
    const vars: Record<string, string> = { ...handoff.vars, [HANDOFF_VARS.token]: token, ...(await this.endOnHangupVars(effect)) };
    if (!this.subscribed) {
      await adapter.subscribeChannel(this.callId);
      this.subscribed = true;
    }
    for (const [name, value] of Object.entries(vars)) await adapter.setChannelVar(this.callId, name, value);
    const back = new Promise<HandoffReturn>((settle) => (this.pendingReturn = { token, settle }));
    try {
      await adapter.continueInDialplan(this.callId, { context: handoff.context, extension: 's', priority: 1 });
    } catch (error) {
      this.pendingReturn = undefined;
      if (this.hungUp) return { type: 'hangup' };
      return this.failOver(effect, error);
    }
    const result = await back;
    this.pendingReturn = undefined;
    if (result.kind === 'hangup') {
      // A final voicemail or conference traced its end already (before, or in the `h` extension).
      if (effect.type === 'voicemail' || effect.type === 'conference') this.endTraced = true;
      return this.finished ? undefined : { type: 'hangup' };
    }
    return resumeEvent(handoff.kind, result.status);
  }

  /**
   * Voicemail and conference end the flow there when the effect says so (`endsWith`: their `next`
   * is unconnected): the dialplan engine sends SWFlowEnd before the application, so do we. Otherwise the `h` extension of the hand-over
   * context sends it if the caller hangs up inside.
   */
  private async endOnHangupVars(effect: HandoffEffect): Promise<Record<string, string>> {
    if (effect.type !== 'voicemail' && effect.type !== 'conference') return {};
    if (effect.endsWith) {
      await this.ctx.trace.end(this.callId, effect.endsWith);
      this.endTraced = true;
      return { [HANDOFF_VARS.endOnHangup]: '' };
    }
    const { flowId, nodeId } = this.snapshot!;
    return { [HANDOFF_VARS.endOnHangup]: effect.type, [HANDOFF_VARS.flow]: flowId, [HANDOFF_VARS.node]: nodeId };
  }

  /** A failed hand-over of a dial, transfer or queue takes the node's failure output once; anything else goes to the fallback. */
  private failOver(effect: HandoffEffect, error: unknown): CallEvent {
    if (this.failedOver || !['dial', 'transfer', 'queue'].includes(effect.type)) throw error;
    this.failedOver = true;
    this.ctx.logger.error('hand-over failed, taking the node failure output', { callId: this.callId, effect: effect.type, error: errorText(error) });
    return effect.type === 'queue' ? { type: 'queueResult', result: 'overflow' } : { type: 'dialResult', result: 'unavailable' };
  }

  /**
   * Stops the running prompt, if any. Needed before leaving Stasis: Asterisk runs a channel's ARI
   * commands in order, so setting a variable or `continue` would wait for the prompt to end.
   */
  private async stopPlayback(): Promise<void> {
    const waiting = this.waiting;
    this.clearInput();
    const playbackId = waiting?.playbackId;
    if (!playbackId) return;
    try {
      await this.ctx.adapter.stopPlayback(playbackId);
    } catch (error) {
      this.ctx.logger.info('playback already over', { callId: this.callId, error: errorText(error) });
    }
  }

  /** The last resort for any error: log it with the call id, send the channel to the fallback context. */
  private async fail(error: unknown): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    // "Channel not found": the caller hung up and the hangup event is still on its way.
    const gone = error instanceof AriRequestError && error.status === 404 && /channel not found/i.test(error.message);
    if (this.hungUp || gone) {
      this.clearInput();
      this.ctx.logger.info('call ended while an ARI request was under way', { callId: this.callId, error: errorText(error) });
      this.ctx.ended(this, undefined);
      return;
    }
    this.ctx.logger.error('call failed, sending it to the fallback context', {
      callId: this.callId,
      flowId: this.snapshot?.flowId,
      nodeId: this.snapshot?.nodeId,
      error: errorText(error),
    });
    await this.stopPlayback();
    await this.ctx.toFallback(this.callId, 'error');
    this.ctx.ended(this, undefined);
  }

  private playbacks = 0;
  private newPlaybackId(): string {
    return `${this.callId}-pb-${++this.playbacks}`;
  }
}
