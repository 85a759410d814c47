import { startCall, step, type CallEvent, type CallSnapshot, type Clock, type Effect, type StepResult } from '@stumpfworks/engine';
import { HANDOFF_VARS, recordingMarkVariable } from '@stumpfworks/dialplan';
import { AriRequestError, type AriEvent } from '../adapter/types.js';
import { errorText } from '../logger.js';
import { playbackOf, type CallPhase, type HandoffReturn } from './call-phase.js';
import { afterKey, onSilence } from './digit-reader.js';
import { answeringTarget, handoffFor, isHandoffEffect, resumeEvent, type HandoffEffect } from './handoff.js';
import type { FlowSet, RuntimeContext } from './context.js';
import type { HttpRequestEffect } from './http-client.js';
import { tracesEnd } from './trace.js';

/**
 * One call in the Stasis app: feeds ARI events into the engine's `step` and performs the effects.
 * Events are handled one at a time, in arrival order (a promise chain); a hand-over to the
 * dialplan is awaited inside that chain, and its return (or the caller's hangup) settles it
 * directly. Any failure is logged with the call id and ends in the node's failure output (dial,
 * transfer, queue) or the fallback context, never in an exception or a channel left waiting.
 * Where the call is, is one `CallPhase`; `over` is final.
 */
export class CallSession {
  private snapshot: CallSnapshot | undefined;
  private chain: Promise<void> = Promise.resolve();
  private phase: CallPhase = { kind: 'busy' };
  private handoffs = 0;
  private subscribed = false;
  private endTraced = false;
  /** The caller hung up (the channel is going): a fact about the channel beside the phase; nothing more is sent to it. */
  private hungUp = false;
  private failedOver = false;

  constructor(
    private readonly ctx: RuntimeContext,
    readonly callId: string,
    private readonly clock: Clock,
    private readonly flows: FlowSet,
  ) {}

  get ended(): boolean {
    return this.phase.kind === 'over';
  }

  /** Begins the flow at its Start node. */
  start(flowId: string, callerId: string): void {
    this.enqueue(async () => {
      await this.apply(startCall(this.flows.library, flowId, { callerId, clock: this.clock }));
    });
  }

  /** An ARI event about this call's channel. */
  handle(event: AriEvent): void {
    const phase = this.phase;
    if (phase.kind === 'over') return;
    if (event.type === 'ChannelHangupRequest' || event.type === 'ChannelDestroyed') {
      if (this.hungUp) return;
      this.hungUp = true;
      // A hand-over or a request is awaited inside the event chain: settle it, the chain goes on.
      if (phase.kind === 'handoff') phase.settle({ kind: 'hangup' });
      else if (phase.kind === 'http') phase.settle({ type: 'hangup' });
      else {
        this.leaveWait();
        this.enqueue(() => this.feed({ type: 'hangup' }));
      }
      return;
    }
    this.enqueue(() => this.onEvent(event));
  }

  /** The channel came back from a hand-over: `Stasis(app,resume,<token>,<status>[,<peer>])`. False if it was not expected. */
  resume(token: string, status: string, peer?: string): boolean {
    const phase = this.phase;
    if (phase.kind !== 'handoff' || phase.token !== token) return false;
    phase.settle({ kind: 'status', status, ...(peer !== undefined ? { peer } : {}) });
    return true;
  }

  /** Gives the call up (the event socket dropped): no more events are handled, the channel goes to the fallback context. */
  async abandon(reason: string): Promise<void> {
    const before = this.end();
    // A channel in a hand-over is in the dialplan: it comes back to Stasis (then swept or, with
    // the app gone, straight to the fallback context by the hand-over context itself).
    if (before.kind === 'handoff') return before.settle({ kind: 'hangup' });
    if (before.kind === 'http') before.settle({ type: 'hangup' });
    await this.stopPlayback(before);
    await this.ctx.toFallback(this.callId, reason);
  }

  /** Moves to a phase; `over` is final, so a late step of a call given up cannot revive it. */
  private enter(phase: CallPhase): void {
    if (this.phase.kind !== 'over') this.phase = phase;
  }

  /** Ends the session (phase `over`, the key timer stopped) and returns the phase it was in. */
  private end(): CallPhase {
    const before = this.phase;
    if (before.kind === 'input') clearTimeout(before.timer);
    this.phase = { kind: 'over' };
    return before;
  }

  /** Stops waiting for a prompt or keys (the key timer too): back to `busy`. */
  private leaveWait(): void {
    const phase = this.phase;
    if (phase.kind === 'input') clearTimeout(phase.timer);
    if (phase.kind === 'input' || phase.kind === 'playback') this.phase = { kind: 'busy' };
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => this.fail(error));
  }

  /** A channel event in the `playback` or `input` phase: the prompt's end, or a key. Anything else means nothing. */
  private async onEvent(event: AriEvent): Promise<void> {
    const phase = this.phase;
    if (event.type === 'PlaybackFinished') {
      if (phase.kind === 'playback' && event.playback.id === phase.playbackId) {
        this.leaveWait();
        await this.feed({ type: 'done' });
      } else if (phase.kind === 'input' && event.playback.id === phase.playbackId) {
        phase.playbackId = undefined;
        if (phase.keys === '') this.armTimer(phase, phase.reading.timeoutSeconds);
      }
      return;
    }
    if (event.type === 'ChannelDtmfReceived' && phase.kind === 'input') {
      if (phase.playbackId) {
        const playbackId = phase.playbackId;
        phase.playbackId = undefined;
        this.ctx.adapter.stopPlayback(playbackId).catch((error: unknown) =>
          this.ctx.logger.info('barge-in: playback already over', { callId: this.callId, error: errorText(error) }),
        );
      }
      phase.keys += event.digit;
      const decision = afterKey(phase.reading, phase.keys);
      if (decision.kind === 'wait') this.armTimer(phase, decision.seconds);
      else {
        this.leaveWait();
        await this.feed(decision.event);
      }
    }
  }

  /** The silence timer of an `input` phase: when it runs out (and the call still reads those keys), the keys so far are the entry. */
  private armTimer(input: Extract<CallPhase, { kind: 'input' }>, seconds: number): void {
    clearTimeout(input.timer);
    input.timer = setTimeout(() => {
      if (this.phase !== input) return;
      this.enqueue(async () => {
        if (this.phase !== input) return;
        this.leaveWait();
        await this.feed(onSilence(input.keys));
      });
    }, seconds * 1000);
  }

  private async feed(event: CallEvent): Promise<void> {
    if (!this.snapshot || this.snapshot.status !== 'waiting' || this.phase.kind === 'over') return;
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
      if (this.phase.kind === 'over') return;
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
      case 'recordingMark':
        // The same inherited mark the compiled Consent node sets; the hand-overs' decision weighs it.
        return adapter.setChannelVar(this.callId, recordingMarkVariable(effect.policy), '1');
      case 'play': {
        const playbackId = this.newPlaybackId();
        this.enter({ kind: 'playback', playbackId });
        return adapter.play(this.callId, `sound:${effect.file}`, { playbackId, lang: effect.language });
      }
      case 'readInput': {
        const playbackId = this.newPlaybackId();
        this.enter({ kind: 'input', reading: effect, playbackId, keys: '', timer: undefined });
        await adapter.play(this.callId, `sound:${effect.file}`, { playbackId, lang: effect.language });
        return trace.input(this.callId, snapshot.flowId, snapshot.nodeId);
      }
      case 'hangup':
        // Done at `end`, which always follows: the dialplan sends SWFlowEnd before Hangup().
        return;
      case 'end':
        this.end();
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
    const hungUp = new Promise<CallEvent>((settle) => this.enter({ kind: 'http', settle }));
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
      this.enter({ kind: 'busy' });
      abort.abort();
    }
  }

  /** Hands the channel to a generated dialplan context and waits for it to come back. */
  private async handOver(effect: HandoffEffect): Promise<CallEvent | undefined> {
    const { adapter } = this.ctx;
    const handoff = handoffFor(effect, this.ctx.dialing, this.flows.recording);
    const token = `${++this.handoffs}`;
    const vars: Record<string, string> = { ...handoff.vars, [HANDOFF_VARS.token]: token, ...(await this.endOnHangupVars(effect)) };
    if (!this.subscribed) {
      await adapter.subscribeChannel(this.callId);
      this.subscribed = true;
    }
    for (const [name, value] of Object.entries(vars)) await adapter.setChannelVar(this.callId, name, value);
    // A hang-up while the variables were set found the call `busy` (its `hangup` is queued behind
    // this step): do not hand over a channel that is going, it would never come back.
    if (this.hungUp) return { type: 'hangup' };
    const back = new Promise<HandoffReturn>((settle) => this.enter({ kind: 'handoff', token, settle }));
    try {
      await adapter.continueInDialplan(this.callId, { context: handoff.context, extension: 's', priority: 1 });
    } catch (error) {
      this.enter({ kind: 'busy' });
      if (this.hungUp) return { type: 'hangup' };
      return this.failOver(effect, error);
    }
    const result = await back;
    this.enter({ kind: 'busy' });
    if (result.kind === 'hangup') {
      // A final voicemail or conference traced its end already (before, or in the `h` extension).
      if (effect.type === 'voicemail' || effect.type === 'conference') this.endTraced = true;
      return this.ended ? undefined : { type: 'hangup' };
    }
    return resumeEvent(handoff.kind, result.status, effect.type === 'dial' ? answeringTarget(effect.targets, result.peer, this.ctx.dialing) : undefined);
  }

  /**
   * Voicemail and conference end the flow there when the effect says so (`endsWith`: their `next`
   * is unconnected): the dialplan engine sends SWFlowEnd before the application, so do we.
   * Otherwise the `h` extension of the hand-over context sends it if the caller hangs up inside.
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
  private async stopPlayback(phase: CallPhase): Promise<void> {
    const playbackId = playbackOf(phase);
    if (!playbackId) return;
    try {
      await this.ctx.adapter.stopPlayback(playbackId);
    } catch (error) {
      this.ctx.logger.info('playback already over', { callId: this.callId, error: errorText(error) });
    }
  }

  /** The last resort for any error: log it with the call id, send the channel to the fallback context. */
  private async fail(error: unknown): Promise<void> {
    if (this.phase.kind === 'over') return;
    const before = this.end();
    // "Channel not found": the caller hung up and the hangup event is still on its way.
    const gone = error instanceof AriRequestError && error.status === 404 && /channel not found/i.test(error.message);
    if (this.hungUp || gone) {
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
    await this.stopPlayback(before);
    await this.ctx.toFallback(this.callId, 'error');
    this.ctx.ended(this, undefined);
  }

  private playbacks = 0;
  private newPlaybackId(): string {
    return `${this.callId}-pb-${++this.playbacks}`;
  }
}
