import type { AriClientInstance } from 'ari-client';
import { errorText } from '../logger.js';
import { AriRequestError, type AriChannel, type AriEventType, type DialplanTarget, type HangupReason, type OriginateRequest } from './types.js';

/**
 * `request`, or an AriRequestError once `ms` have passed without its answer (the request itself
 * is left to finish; what it brings then is dropped).
 */
export async function answerWithin<T>(request: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AriRequestError(operation, undefined, `Asterisk did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The typed REST requests of one Stasis app over ari-client (AriAdapter's operations). Each fails
 * with an AriRequestError naming the operation: when ARI refuses it, when there is no client yet,
 * and when Asterisk has not answered within `requestTimeoutMs`, so a call whose request is never
 * answered takes its failure path instead of waiting for ever.
 */
export class AriRequests {
  constructor(
    readonly app: string,
    /** The connected client, or undefined before the REST API is loaded. */
    private readonly clientOf: () => AriClientInstance | undefined,
    /** Default 30 s: a channel's commands wait behind its playback, which the runtime stops first. */
    private readonly requestTimeoutMs = 30_000,
  ) {}

  private async call<T>(operation: string, run: (client: AriClientInstance) => Promise<unknown>): Promise<T> {
    const client = this.clientOf();
    if (!client) throw new AriRequestError(operation, undefined, 'not connected');
    const request = run(client).catch((error: unknown) => {
      throw new AriRequestError(operation, statusOf(error), errorText(error));
    });
    return (await answerWithin(request, this.requestTimeoutMs, operation)) as T;
  }

  answer(channelId: string) {
    return this.call<void>('answer', (c) => c.channels.answer({ channelId }));
  }
  hangup(channelId: string, reason?: HangupReason) {
    return this.call<void>('hangup', (c) => c.channels.hangup({ channelId, ...(reason ? { reason } : {}) }));
  }
  play(channelId: string, media: string, options: { playbackId: string; lang?: string }) {
    return this.call<void>('play', (c) => c.channels.play({ channelId, media, playbackId: options.playbackId, ...(options.lang ? { lang: options.lang } : {}) }));
  }
  stopPlayback(playbackId: string) {
    return this.call<void>('stopPlayback', (c) => c.playbacks.stop({ playbackId }));
  }
  setChannelVar(channelId: string, name: string, value: string) {
    return this.call<void>('setChannelVar', (c) => c.channels.setChannelVar({ channelId, variable: name, value }));
  }
  async getChannelVar(channelId: string, name: string): Promise<string | undefined> {
    try {
      const result = await this.call<{ value: string }>('getChannelVar', (c) => c.channels.getChannelVar({ channelId, variable: name }));
      return result.value;
    } catch (error) {
      if (error instanceof AriRequestError && /variable was not found/i.test(error.message)) return undefined;
      throw error;
    }
  }
  continueInDialplan(channelId: string, target: DialplanTarget) {
    return this.call<void>('continueInDialplan', (c) => c.channels.continueInDialplan({ channelId, ...target }));
  }
  async originate(request: OriginateRequest): Promise<AriChannel> {
    const { appArgs, ...rest } = request;
    const channel = await this.call<AriChannel & Record<string, unknown>>('originate', (c) =>
      c.channels.originate({ ...rest, ...(appArgs ? { appArgs: appArgs.join(',') } : {}) }),
    );
    return plainChannel(channel);
  }
  async listChannels(): Promise<AriChannel[]> {
    const channels = await this.call<Array<AriChannel & Record<string, unknown>>>('listChannels', (c) => c.channels.list());
    return channels.map(plainChannel);
  }
  subscribeChannel(channelId: string) {
    return this.call<void>('subscribe', (c) => c.applications.subscribe({ applicationName: this.app, eventSource: `channel:${channelId}` }));
  }
  unsubscribeChannel(channelId: string) {
    return this.call<void>('unsubscribe', (c) => c.applications.unsubscribe({ applicationName: this.app, eventSource: `channel:${channelId}` }));
  }
  async watchAllChannels(eventTypes: AriEventType[]) {
    // The filter applies to every message of the app, ApplicationReplaced too: without it here a
    // takeover of this app would go unnoticed (AriConnection watches for it).
    const allowed = [...eventTypes, 'ApplicationReplaced'].map((type) => ({ type }));
    await this.call<void>('eventFilter', (c) => c.applications.filter({ applicationName: this.app, filter: { allowed } }));
    await this.call<void>('subscribe', (c) => c.applications.subscribe({ applicationName: this.app, eventSource: 'channel:' }));
  }
  userEvent(name: string, options: { application: string; channelId: string; variables: Record<string, string> }) {
    return this.call<void>('userEvent', (c) =>
      c.events.userEvent({ eventName: name, application: options.application, source: `channel:${options.channelId}`, variables: options.variables }),
    );
  }
}

/** ari-client loses the HTTP status; ARI's bodies say enough to recover the common ones. */
function statusOf(error: unknown): number | undefined {
  const text = errorText(error);
  if (/not found/i.test(text)) return 404;
  if (/not in stasis|conflict/i.test(text)) return 409;
  return undefined;
}

/** ari-client returns resource objects with methods; keep the data only. */
function plainChannel(channel: AriChannel & Record<string, unknown>): AriChannel {
  const { id, name, state, caller, language, dialplan, creationtime } = channel;
  return { id, name, state, caller, ...(language ? { language } : {}), ...(creationtime ? { creationtime } : {}), ...(dialplan ? { dialplan } : {}) };
}
