/**
 * Drives probe calls: installs the probe config (and restores the previous generated files on
 * stop), originates `Local/s@<context>` into the probe app and reads the `SWProbe` user events.
 */
import { AriClient, AriError, type AriChannel, type OriginateRequest, type StasisStartEvent } from '../support/ari.js';
import { readGeneratedFile, reloadModule, writeGeneratedFile, type LocalAsterisk } from '../support/local-asterisk.js';
import { PROBE_APP } from './probe-config.js';

/** A generated file a probe installs (`PROBE_FILES`, or one a test makes, like compiled flows) and the module to reload. */
export interface ProbeFile {
  name: string;
  module: string;
  content: string;
}

/** One originated Local channel pair. */
export interface ProbeCall {
  /** The ;1 leg: in the Stasis app once the ;2 leg answers. */
  one: string;
  /** The ;2 leg: runs the dialplan. */
  two: string;
  /** `ari.mark()` before the originate. */
  mark: number;
  /** The channel POST /channels returned. */
  originated: AriChannel;
}

let sequence = 0;

export class Probe {
  private readonly calls: ProbeCall[] = [];

  private constructor(
    readonly asterisk: LocalAsterisk,
    readonly ari: AriClient,
    private readonly restore: Array<{ file: ProbeFile; previous: string }>,
  ) {}

  /** Writes `files` into the generated dir, reloads their modules, connects the probe app. */
  static async start(asterisk: LocalAsterisk, files: ProbeFile[]): Promise<Probe> {
    const restore: Array<{ file: ProbeFile; previous: string }> = [];
    for (const file of files) {
      restore.push({ file, previous: readGeneratedFile(asterisk, file.name) });
      writeGeneratedFile(asterisk, file.name, file.content);
      await reloadModule(asterisk, file.module);
    }
    const ari = await AriClient.connect(PROBE_APP, asterisk);
    return new Probe(asterisk, ari, restore);
  }

  /** Originates `Local/s@<context>` with the ;1 leg going to the probe app. */
  async call(context: string, options: Partial<OriginateRequest> = {}): Promise<ProbeCall> {
    const id = `probe-${process.pid}-${Date.now()}-${sequence++}`;
    const mark = this.ari.mark();
    const originated = await this.ari.originate({
      endpoint: `Local/s@${context}`,
      app: PROBE_APP,
      channelId: `${id}-1`,
      otherChannelId: `${id}-2`,
      ...options,
    });
    const call = { one: `${id}-1`, two: `${id}-2`, mark, originated };
    this.calls.push(call);
    return call;
  }

  /** StasisStart of the call's ;1 leg. */
  started(call: ProbeCall, timeoutMs = 10_000): Promise<StasisStartEvent> {
    return this.ari.waitFor('StasisStart', (e) => e.channel.id === call.one, { since: call.mark, timeoutMs });
  }

  /** The fields of the first `SWProbe` event with `step` on the call's ;2 leg (or on `channelName`). */
  async step(
    call: ProbeCall,
    step: string,
    { timeoutMs = 10_000, channelName }: { timeoutMs?: number; channelName?: string } = {},
  ): Promise<Record<string, string>> {
    const event = await this.ari.waitFor(
      'ChannelUserevent',
      (e) =>
        e.eventname === 'SWProbe' &&
        e.userevent.step === step &&
        (channelName ? (e.channel?.name.startsWith(channelName) ?? false) : e.channel?.id === call.two),
      { since: call.mark, timeoutMs },
    );
    return event.userevent;
  }

  /** Whether the ;2 leg is gone (hung up by the dialplan or by Asterisk). */
  ended(call: ProbeCall, timeoutMs = 10_000): Promise<unknown> {
    return this.ari.waitFor('ChannelDestroyed', (e) => e.channel.id === call.two, { since: call.mark, timeoutMs });
  }

  /** Hangs up the ;1 leg (if still there) and waits until the ;2 leg is destroyed. */
  async end(call: ProbeCall): Promise<void> {
    const live = new Set((await this.ari.listChannels()).map((c) => c.id));
    const target = [call.one, call.two].find((id) => live.has(id));
    if (!target) return;
    try {
      await this.ari.hangup(target);
    } catch (error) {
      // It may hang up by itself between the listing and the DELETE.
      if (!(error instanceof AriError && error.status === 404)) throw error;
    }
    await this.ended(call);
  }

  /**
   * Ends every call still up, restores the generated files, closes the socket. The channels are
   * listed once, not once per call: condition.test.ts places over 1500 calls.
   */
  async stop(): Promise<void> {
    try {
      const live = new Set((await this.ari.listChannels()).map((c) => c.id));
      for (const call of this.calls) if (live.has(call.one) || live.has(call.two)) await this.end(call);
      for (const { file, previous } of this.restore) {
        writeGeneratedFile(this.asterisk, file.name, previous);
        await reloadModule(this.asterisk, file.module);
      }
    } finally {
      await this.ari.close();
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
