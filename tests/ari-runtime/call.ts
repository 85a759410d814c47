/** One test call through the runtime: a Local channel into a flow number, with helpers to watch its flow leg. */
import { AriError, type AriClient, type ChannelUsereventEvent, type StasisStartEvent, type WaitOptions } from '../support/ari.js';
import { CALLER_APP, TARGET_APP } from './setup.js';

let calls = 0;

export class TestCall {
  readonly callerLeg: string;
  readonly flowLeg: string;
  readonly since: number;

  private constructor(
    private readonly ari: AriClient,
    tag: string,
  ) {
    const id = `ari-${tag}-${process.pid}-${++calls}`;
    this.callerLeg = `${id}-caller`;
    this.flowLeg = `${id}-flow`;
    this.since = ari.mark();
  }

  /** Calls `number` at the instant `at` (SWF_NOW), as the parity suite does. */
  static async place(ari: AriClient, tag: string, number: string, at: Date): Promise<TestCall> {
    const call = new TestCall(ari, tag);
    await ari.originate({
      endpoint: `Local/${number}@stumpfworks-flows`,
      app: CALLER_APP,
      callerId: '017612345678',
      channelId: call.callerLeg,
      otherChannelId: call.flowLeg,
      timeout: 60,
      variables: { __SWF_NOW: String(Math.floor(at.getTime() / 1000)) },
    });
    return call;
  }

  /** The flow leg's trace event `name` (optionally for `node`). */
  trace(name: 'SWFlowNode' | 'SWFlowEnd' | 'SWFlowFallback', node?: string, timeoutMs = 15_000) {
    return this.ari.waitFor(
      'ChannelUserevent',
      (e) => e.channel?.id === this.flowLeg && e.eventname === name && (node === undefined || e.userevent['node'] === node),
      { since: this.since, timeoutMs },
    );
  }

  /** The nodes traced so far on the flow leg, as `flow/node`. */
  visits(): string[] {
    return this.ari.received
      .slice(this.since)
      .flatMap((e) => {
        if (e.type !== 'ChannelUserevent') return [];
        const u = e as ChannelUsereventEvent;
        return u.channel?.id === this.flowLeg && u.eventname === 'SWFlowNode' ? [`${u.userevent['flow']}/${u.userevent['node']}`] : [];
      });
  }

  dtmf(digits: string) {
    return this.ari.sendDtmf(this.callerLeg, digits, { between: 120, duration: 100 });
  }

  destroyed(timeoutMs = 15_000) {
    return this.ari.waitFor('ChannelDestroyed', (e) => e.channel.id === this.flowLeg, { since: this.since, timeoutMs });
  }

  /** The dial leg to `target` (its StasisStart in TARGET_APP), from `since` on (default: since the call was placed). */
  dialed(target: string, options: WaitOptions = {}): Promise<StasisStartEvent> {
    return this.ari.waitFor('StasisStart', (e) => e.application === TARGET_APP && e.args[0] === target, { since: this.since, ...options });
  }

  /** Presses `key` and resolves with the dial leg to `target` it leads to. */
  async press(key: string, target: string): Promise<StasisStartEvent> {
    const mark = this.ari.mark();
    await this.dtmf(key);
    return this.dialed(target, { since: mark });
  }

  /** Answers the dial leg `leg`, holds it `holdMs`, then hangs it up. */
  async answerAndHold(leg: StasisStartEvent, holdMs: number): Promise<void> {
    await this.ari.answer(leg.channel.id);
    await sleep(holdMs);
    await this.ari.hangup(leg.channel.id);
  }

  /** Presses `key`, answers the dial target `target` it leads to, holds it `holdMs`, then hangs it up. */
  async pressAndAnswer(key: string, target: string, holdMs: number): Promise<void> {
    await this.answerAndHold(await this.press(key, target), holdMs);
  }

  async hangup(): Promise<void> {
    await this.ari.hangup(this.callerLeg).catch((error: unknown) => {
      // The call may have ended already.
      if (!(error instanceof AriError && error.status === 404)) throw error;
    });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
