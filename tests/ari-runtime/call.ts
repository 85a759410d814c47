/** One test call through the runtime: a Local channel into a flow number, with helpers to watch its flow leg. */
import { AriError, type AriClient, type AriEventMap, type ChannelUsereventEvent, type StasisStartEvent, type WaitOptions } from '../support/ari.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathInRoot } from '../../apps/server/src/publish/sounds.js';
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

  /**
   * The flow leg's playbacks, as Asterisk reported them: what was played and for how long by
   * Asterisk's own clock (PlaybackStarted to PlaybackFinished; undefined while still playing).
   */
  playbacks(): Array<{ id: string; media: string; language: string; startedAt: number; playedMs: number | undefined }> {
    const events = this.ari.received.slice(this.since);
    const finished = events.filter((e): e is AriEventMap['PlaybackFinished'] => e.type === 'PlaybackFinished');
    return events
      .filter((e): e is AriEventMap['PlaybackStarted'] => e.type === 'PlaybackStarted')
      .filter((e) => e.playback.target_uri === `channel:${this.flowLeg}`)
      .map((started) => {
        const { id, media_uri, language } = started.playback;
        const end = finished.find((e) => e.playback.id === id);
        const startedAt = asteriskTime(started.timestamp);
        return { id, media: media_uri, language, startedAt, playedMs: end ? asteriskTime(end.timestamp) - startedAt : undefined };
      });
  }

  /** The next playback Asterisk starts on the flow leg (from `since` on, default the whole call). */
  async playing(since = this.since): Promise<{ id: string; media: string; language: string; startedAt: number }> {
    const e = await this.ari.waitFor('PlaybackStarted', (p) => p.playback.target_uri === `channel:${this.flowLeg}`, { since, timeoutMs: 15_000 });
    return { id: e.playback.id, media: e.playback.media_uri, language: e.playback.language, startedAt: asteriskTime(e.timestamp) };
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

/** An ARI timestamp (`2026-06-03T10:00:00.123+0200`) in ms. */
export const asteriskTime = (timestamp: string) => Date.parse(timestamp.replace(/(\d\d)(\d\d)$/, '$1:$2'));

/** How long a `sound:` URI lasts, from its WAV in the Asterisk root (8 kHz, 16-bit mono: 16 bytes per ms). */
export function soundMs(asteriskRoot: string, media: string, language: string): number {
  const file = join(pathInRoot(asteriskRoot, `/usr/share/asterisk/sounds/${language}`), `${media.replace(/^sound:/, '')}.wav`);
  return (statSync(file).size - 44) / 16;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
