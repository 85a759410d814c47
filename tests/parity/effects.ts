/**
 * Side-effect parity: what Asterisk did on a call, read from Asterisk's own events (and the
 * suite's web service), in the same words as the simulator's effects, so the two can be compared
 * path by path. Never from the SWFlow* UserEvent markers: those say what the flow meant to do.
 *
 * The words, one line per effect:
 *   play <language>/<file>          Background/Playback/Read app data and the channel's language
 *                                   (dialplan), PlaybackStarted media_uri and language (ARI)
 *   dial <target>,<target> <ring>s  Dial() app data: the parity dial strings `Local/<target>@parity-target`
 *                                   and the timeout (a TransferExternal dials its number the same way)
 *   queue <name> maxwait <seconds>  Queue() app data: the queue and its timeout argument
 *   voicemail <mailbox> unavailable|busy|none [quiet]   VoiceMail() app data: `<mailbox>@default,<u|b|><s>`
 *   recording always|onDemand       ChannelVarset of a Consent node's mark `__SWF_REC_<POLICY>=1`
 *   conference <room>               ConfBridge() app data
 *   record start|stop               MixMonitor() / StopMixMonitor() started
 *   set <NAME>=<value>              ChannelVarset of a variable the flows set
 *   http <METHOD> <path?query> <body>   the request as the web service received it
 * Both engines run Dial, Queue, VoiceMail, ConfBridge and MixMonitor as dialplan applications
 * (the ARI runtime hands them over, packages/dialplan/src/ari/handoff.ts), so those come from
 * ChannelDialplan events on both.
 */
import type { Effect, Transcript } from '@stumpfworks/engine';
import type { AriEvent } from '../support/ari.js';
import type { RecordedRequest } from './hostile-service.js';
import { TARGET_APP } from './pbx-setup.js';

/** A call's side effects: those Asterisk reports on the flow leg, in order, and the HTTP requests, in order. */
export interface EffectLog {
  asterisk: string[];
  http: string[];
}

/** VoiceMail()'s options as the simulator's words: the greeting, and `quiet` for `s` (no instructions). */
function voicemailWords(options: string): string {
  const greeting = options.includes('b') ? 'busy' : options.includes('u') ? 'unavailable' : 'none';
  return options.includes('s') ? `${greeting} quiet` : greeting;
}
/** A Consent node's marks (recording.ts MARK, with `__`), by the policy's word. */
const MARKS: Record<string, string> = { __SWF_REC_ALWAYS: 'always', __SWF_REC_ONDEMAND: 'onDemand' };
const PROMPT_APPS = new Set(['background', 'playback']);

/** The simulator's effects of one path, in the comparison's words (variables: every `set`, filtered when compared). */
export function effectsOfTranscript(transcript: Transcript): EffectLog {
  const log: EffectLog = { asterisk: [], http: [] };
  for (const effect of transcript.effects) {
    const line = simulatorLine(effect);
    if (line) (effect.type === 'httpRequest' ? log.http : log.asterisk).push(line);
  }
  return log;
}

function simulatorLine(e: Effect): string | undefined {
  switch (e.type) {
    case 'play':
    case 'readInput':
      return `play ${e.language}/${e.file}`;
    case 'dial':
      return `dial ${e.targets.join(',')} ${e.ringSeconds}s`;
    case 'transfer':
      // The parity dial strings send a transfer's number to the same scripted target as a dial.
      return `dial ${e.number} ${e.ringSeconds}s`;
    case 'queue':
      return `queue ${e.queue} maxwait ${e.maxWaitSeconds}`;
    case 'voicemail':
      return `voicemail ${e.mailbox} ${e.greeting}${e.skipInstructions ? ' quiet' : ''}`;
    case 'recordingMark':
      return `recording ${e.policy}`;
    case 'conference':
      return `conference ${e.room}`;
    case 'record':
      return `record ${e.action}`;
    case 'setVariable':
      return `set ${e.name}=${e.value}`;
    case 'httpRequest':
      return httpLine({ method: e.method, url: e.url, body: e.body ?? '' });
    default:
      return undefined;
  }
}

/** A request in the comparison's words: method, path and query (the origin differs: the suite points the flows at its server), body. */
export function httpLine(request: RecordedRequest): string {
  const url = request.url.replace(/^https?:\/\/[^/]+/, '');
  return `http ${request.method} ${url}${request.body === '' ? '' : ` ${request.body}`}`;
}

/**
 * The side effects of one event of a call's flow leg in the comparison's words (none for most
 * events). Variables are all reported; `diffEffects` keeps those the flows set.
 */
export function effectsOfEvent(event: AriEvent): string[] {
  switch (event.type) {
    case 'ChannelDialplan': {
      const { dialplan_app: app, dialplan_app_data: data, channel } = event as {
        dialplan_app?: string;
        dialplan_app_data?: string;
        channel?: { language?: string };
      };
      return appEffects(String(app ?? '').toLowerCase(), String(data ?? ''), channel?.language ?? '');
    }
    case 'PlaybackStarted': {
      const { media_uri: uri, language } = (event as { playback: { media_uri: string; language?: string } }).playback;
      return [`play ${language ?? ''}/${uri.replace(/^sound:/, '')}`];
    }
    case 'ChannelVarset': {
      const { variable, value } = event as { variable: string; value: string };
      const mark = MARKS[variable];
      if (mark !== undefined) return value === '1' ? [`recording ${mark}`] : [];
      return [`set ${variable}=${value}`];
    }
    default:
      return [];
  }
}

/** A dialplan application as side effects (see the words above), from its name (lower case) and its data as Asterisk ran it. */
function appEffects(app: string, data: string, language: string): string[] {
  const args = data.split(',');
  // Background and Playback play each of `file&file`, in the channel's language.
  if (PROMPT_APPS.has(app)) return args[0]!.split('&').map((file) => `play ${language}/${file}`);
  const line = appEffect(app, args, language);
  return line === undefined ? [] : [line];
}

function appEffect(app: string, args: string[], language: string): string | undefined {
  switch (app) {
    case 'read':
      return `play ${language}/${args[1] ?? ''}`;
    case 'dial':
      return `dial ${args[0]!.split('&').map(targetOf).join(',')} ${args[1] ?? ''}s`;
    case 'queue':
      return `queue ${args[0]} maxwait ${args[4] ?? ''}`;
    case 'voicemail':
      return `voicemail ${args[0]!.replace(/@default$/, '')} ${voicemailWords(args[1] ?? '')}`;
    case 'confbridge':
      return `conference ${args[0]}`;
    case 'mixmonitor':
      return 'record start';
    case 'stopmixmonitor':
      return 'record stop';
    default:
      return undefined;
  }
}

/** The channel an event is about: its `channel`, or a playback's target channel. */
export function channelIdOf(event: AriEvent): string | undefined {
  const channel = (event as { channel?: { id?: string } }).channel;
  if (channel?.id) return channel.id;
  const target = (event as { playback?: { target_uri?: string } }).playback?.target_uri;
  return target?.startsWith('channel:') ? target.slice('channel:'.length) : undefined;
}

/** The scripted target of a parity dial string `Local/<target>@parity-target`; any other dial string as it is. */
function targetOf(dialString: string): string {
  const match = new RegExp(`^Local/(.+)@${TARGET_APP}$`).exec(dialString);
  return match ? match[1]! : dialString;
}

/**
 * The variables compared: those the flows set, as the simulator's paths name them. Asterisk sets
 * many of its own (DIALSTATUS, QUEUESTATUS, MIXMONITOR_FILENAME ...) and the engines some
 * (SWF_*), which no flow sets and the simulator knows nothing of.
 */
export function flowVariables(logs: readonly EffectLog[]): Set<string> {
  const names = new Set<string>();
  for (const log of logs) for (const line of log.asterisk) if (line.startsWith('set ')) names.add(line.slice(4, line.indexOf('=')));
  return names;
}

/** An engine's log reduced to what is compared: its `set` lines only for the flows' variables. */
function compared(log: EffectLog, variables: ReadonlySet<string>): EffectLog {
  return { asterisk: log.asterisk.filter((line) => !line.startsWith('set ') || variables.has(line.slice(4, line.indexOf('=')))), http: log.http };
}

/** How many effects an engine's run compared: the simulator's, over its paths, since the engine has to match each. */
export function effectsCompared(expected: readonly EffectLog[]): number {
  return expected.reduce((sum, log) => sum + log.asterisk.length + log.http.length, 0);
}

/**
 * The first difference between the simulator's effects and an engine's, in each of the two
 * ordered lists, or undefined when they agree. The lists are apart because their sources are:
 * ARI events of one channel arrive in order, the web service's requests on their own.
 */
export function diffEffects(expected: EffectLog, actual: EffectLog, engine: string, variables: ReadonlySet<string>): string | undefined {
  const got = compared(actual, variables);
  const problems = [
    firstDifference('effect', expected.asterisk, got.asterisk, engine),
    firstDifference('request', expected.http, got.http, engine),
  ].filter((p): p is string => p !== undefined);
  return problems.length > 0 ? problems.join('; ') : undefined;
}

function firstDifference(what: string, expected: readonly string[], actual: readonly string[], engine: string): string | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    if (expected[i] !== actual[i]) return `${what} ${i + 1}: simulator ${expected[i] ?? '(none)'}, ${engine} ${actual[i] ?? '(none)'}`;
  }
  return undefined;
}
