/**
 * Drives one enumerated path as a real call: the caller (a Local channel into the flow's number,
 * or a SIP call from a trunk, sip-caller.ts) places the call, the path's keys are sent when the
 * flow reads input, and dial/queue results are played by scripted targets. The driver reacts to
 * what the flow leg does (which app runs), never to what the simulator expects, so it cannot steer
 * the engine into agreeing.
 */
import type { AriClient, AriEvent } from '../support/ari.js';
import type { Trace } from './compare.js';
import { effectsOfEvent } from './effects.js';
import { isHttpToken } from './http-server.js';

export interface CallPlan {
  index: number;
  number: string;
  at: Date;
  callerId: string;
  /** The path's script tokens, consumed in order. */
  events: string[];
}

export interface CallResult extends Trace {
  /** The side effects Asterisk reported on the flow leg, in order (effects.ts). */
  effects: string[];
  /** Problems of the drive itself (tokens left over, no token when one was needed, timeout). */
  problems: string[];
}

/** How the scripted target hangs up for each dial result (see docs/asterisk-notes.md). */
const HANGUP_FOR: Record<string, 'busy' | 'congestion' | undefined> = { busy: 'busy', unavailable: 'congestion' };
/** Dialplan application names, lower-cased: Asterisk reports `BackGround` for Background(). */
const INPUT_APPS = new Set(['background', 'read']);
const FINAL_APPS = new Set(['voicemail', 'confbridge']);
const TALK_MS = 400;
const STAY_IN_FINAL_APP_MS = 1500;

/** The calling side of a drive: places the call, types keys, hangs up as the caller. */
export interface Caller {
  /** Places the call; resolves once it is on its way. */
  place(): Promise<void>;
  /** Sends `keys` now, as the caller types them. */
  sendKeys(keys: string): void;
  /** Ends the call from the caller's side. */
  hangUp(): void;
}

/**
 * The caller as a Local channel originated over ARI into the flow's number, with the path's
 * instant injected (SWF_NOW); keys are sent from its ;1 leg with ARI's DTMF.
 */
export class LocalCaller implements Caller {
  readonly callerLeg: string;
  readonly flowLeg: string;
  private ready = false;
  private readonly heldKeys: string[] = [];

  constructor(
    private readonly ari: AriClient,
    private readonly plan: CallPlan,
    private readonly report: (problem: string) => void,
  ) {
    this.callerLeg = `parity-${plan.index}-caller`;
    this.flowLeg = `parity-${plan.index}-flow`;
  }

  async place(): Promise<void> {
    await this.ari.originate({
      endpoint: `Local/${this.plan.number}@stumpfworks-flows`,
      app: 'parity-caller',
      appArgs: [String(this.plan.index)],
      callerId: this.plan.callerId,
      channelId: this.callerLeg,
      otherChannelId: this.flowLeg,
      timeout: 600,
      variables: { __SWF_NOW: String(Math.floor(this.plan.at.getTime() / 1000)), __SWF_PATH: String(this.plan.index) },
    });
  }

  /** The caller leg entered its Stasis app: keys can be sent from it now. */
  onInStasis(): void {
    this.ready = true;
    for (const keys of this.heldKeys.splice(0)) this.sendKeys(keys);
  }

  sendKeys(keys: string): void {
    // The ARI runtime answers at once (the dialplan's Answer() waits 0.5 s): under load a flow can
    // read keys before the caller leg is in Stasis, and DTMF cannot be sent from it yet.
    if (!this.ready) {
      this.heldKeys.push(keys);
      return;
    }
    void this.ari.sendDtmf(this.callerLeg, keys, { between: 120, duration: 100 }).catch((error: Error) => this.report(`dtmf: ${error.message}`));
  }

  hangUp(): void {
    hangupChannel(this.ari, this.callerLeg, this.report);
  }
}

/** Hangs up a channel over ARI; one already gone (404) is no problem. */
export function hangupChannel(ari: AriClient, channelId: string, report: (problem: string) => void, reason?: 'busy' | 'congestion'): void {
  void ari.hangup(channelId, reason).catch((error: Error) => {
    if (!/404/.test(error.message)) report(`hangup ${channelId}: ${error.message}`);
  });
}

export class CallDriver {
  private readonly tokens: string[];
  private readonly visits: string[] = [];
  private readonly effects: string[] = [];
  private end: string | undefined;
  private readonly problems: string[] = [];
  private waitKind: 'dial' | 'queue' | undefined;
  private waitToken: string | undefined;
  private dialData = '';
  private answered = false;
  private readonly pendingTargets: Array<{ channelId: string; extension: string }> = [];
  private finish!: (result: CallResult) => void;
  readonly done: Promise<CallResult>;
  readonly caller: Caller;

  /** `caller` makes the calling side (default: a Local channel); it reports its problems to the drive. */
  constructor(
    private readonly ari: AriClient,
    plan: CallPlan,
    private readonly timeoutMs: number,
    caller: (report: (problem: string) => void) => Caller = (report) => new LocalCaller(ari, plan, report),
  ) {
    this.tokens = [...plan.events];
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.caller = caller((problem) => this.problems.push(problem));
  }

  async start(): Promise<void> {
    const timer = setTimeout(() => {
      this.problems.push(`no end after ${this.timeoutMs / 1000} s`);
      this.caller.hangUp();
    }, this.timeoutMs);
    void this.done.then(() => clearTimeout(timer));
    await this.caller.place();
  }

  /** Events of the flow leg. */
  onFlowEvent(event: AriEvent): void {
    this.effects.push(...effectsOfEvent(event));
    switch (event.type) {
      case 'ChannelUserevent': {
        const fields = (event as { userevent?: Record<string, string> }).userevent ?? {};
        const eventname = (event as { eventname?: string }).eventname;
        if (eventname === 'SWFlowNode') this.visits.push(`${fields.flow}/${fields.node}`);
        if (eventname === 'SWFlowEnd') this.end = `${fields.outcome} ${fields.flow}/${fields.node}`;
        // The ARI runtime says when it starts reading keys; the dialplan shows it by its app.
        if (eventname === 'SWFlowInput') this.onApp('read', '');
        break;
      }
      case 'ChannelDialplan': {
        const { dialplan_app: app, dialplan_app_data: data } = event as { dialplan_app?: string; dialplan_app_data?: string };
        this.onApp(String(app ?? '').toLowerCase(), String(data ?? ''));
        break;
      }
      case 'ChannelDestroyed':
        // Let late events of the same instant arrive before the result is read.
        setTimeout(() => this.complete(), 150);
        break;
    }
  }

  /**
   * A scripted target (dial target, queue agent, external number) of this call entered Stasis.
   * ARI does not order events across channels: a target can arrive before the flow leg's
   * ChannelDialplan event for the Dial that created it, so early targets wait for their Dial.
   */
  onTarget(channelId: string, extension: string): void {
    this.pendingTargets.push({ channelId, extension });
    this.applyToTargets();
  }

  private applyToTargets(): void {
    const { waitKind, waitToken: token } = this;
    if (waitKind === undefined || token === undefined) return;
    const mine = (t: { extension: string }) =>
      waitKind === 'queue' ? t.extension === 'agent' : this.dialData.includes(`Local/${t.extension}@`);
    for (const target of this.pendingTargets.filter(mine)) {
      this.pendingTargets.splice(this.pendingTargets.indexOf(target), 1);
      this.playTarget(target.channelId, target.extension, token);
    }
  }

  /** `answer:<extension>` answers only that target of a simultaneous dial; the others ring until Dial cancels them. */
  private playTarget(channelId: string, extension: string, token: string): void {
    const named = /^answer:(.+)$/.exec(token)?.[1];
    if (named !== undefined && named !== extension) return;
    if (token === 'answer' || named !== undefined) {
      if (this.answered) return; // the other targets of a simultaneous dial are cancelled by Dial
      this.answered = true;
      void this.ari
        .answer(channelId)
        .then(() => new Promise((r) => setTimeout(r, TALK_MS)))
        .then(() => this.hangup(channelId), (error: Error) => this.problems.push(`answer: ${error.message}`));
      return;
    }
    const reason = HANGUP_FOR[token];
    if (reason) this.hangup(channelId, reason);
    // noanswer and overflow: let it ring until the ring time or the queue's maximum wait is over.
  }

  /** The Local caller's ;1 leg entered its Stasis app. */
  onCallerInStasis(): void {
    if (this.caller instanceof LocalCaller) this.caller.onInStasis();
  }

  private onApp(app: string, data: string): void {
    if (INPUT_APPS.has(app)) {
      const token = this.next(app);
      if (token === undefined || token === 'timeout') return;
      if (!/^[0-9*#]+$/.test(token)) {
        this.problems.push(`${app} reads keys, but the next token is "${token}"`);
        return;
      }
      this.caller.sendKeys(token);
    } else if (app === 'dial' || app === 'queue') {
      this.waitKind = app;
      this.waitToken = this.next(app);
      this.dialData = data;
      this.answered = false;
      this.applyToTargets();
    } else {
      // The Dial or Queue has returned: its targets are gone.
      this.waitKind = undefined;
      if (FINAL_APPS.has(app)) setTimeout(() => this.caller.hangUp(), STAY_IN_FINAL_APP_MS);
    }
  }

  /** The next token for the call's side; HTTP tokens are the web service's (ParityHttpServer), not the driver's. */
  private next(app: string): string | undefined {
    while (this.tokens[0] !== undefined && isHttpToken(this.tokens[0])) this.tokens.shift();
    const token = this.tokens.shift();
    if (token === undefined) this.problems.push(`${app} started, but the path has no token left`);
    return token;
  }

  private hangup(channelId: string, reason?: 'busy' | 'congestion'): void {
    hangupChannel(this.ari, channelId, (problem) => this.problems.push(problem), reason);
  }

  private complete(): void {
    while (this.tokens[0] !== undefined && isHttpToken(this.tokens[0])) this.tokens.shift();
    if (this.tokens.length > 0) this.problems.push(`tokens left over: ${this.tokens.join(',')}`);
    if (this.pendingTargets.length > 0) this.problems.push(`targets that rang outside any dial or queue: ${this.pendingTargets.length}`);
    this.finish({ visits: this.visits, end: this.end, effects: this.effects, problems: this.problems });
  }
}
