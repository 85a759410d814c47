import { promptFile } from '@stumpfworks/flow';
import { app, labelled, type DialplanContext, type DialplanExtension, type DialplanPriority } from '../ir.js';
import { flowContext, DEFAULT_ENTRY_CONTEXT } from '../names.js';
import { renderDialplan } from '../render.js';
import { byId } from './conf-text.js';
import { roomProfiles } from './confbridge.js';
import { trunkEndpoint } from './pjsip.js';
import { RECORDING_DIAL_OPTIONS, recordingContext, recordingDecision, recordingInUse, recordingKeysContext, recordingMark } from './recording.js';
import type { OutboundRouteResource, PbxResources, TrunkResource } from './types.js';
import { VOICEMAIL_ACCESS_CONTEXT, voicemailAccessContext } from './voicemail.js';

export const INTERNAL_CONTEXT = 'stumpfworks-internal';
export const INBOUND_CONTEXT = 'stumpfworks-inbound';
export const OUTBOUND_CONTEXT = 'stumpfworks-outbound';
export const EMERGENCY_CONTEXT = 'stumpfworks-emergency';
export const ROOMS_CONTEXT = 'stumpfworks-rooms';
export const EMERGENCY_NUMBERS = ['110', '112'] as const;
export const EMERGENCY_ROUTE_ID = 'emergency';

export function outboundRouteContext(routeId: string): string {
  return `${OUTBOUND_CONTEXT}-${routeId}`;
}

/** The characters a dialled number may have; a phone can send anything in the request URI. */
export const DIALLED_NUMBER_CHARS = '0123456789*#+';

/**
 * Refuses a dialled number (`${EXTEN}`, matched by a pattern such as `_0.`) with any character
 * but `0-9 * # +` before it goes into Goto() or Dial(), where a `,` or `&` would add arguments or
 * channels: cause 28, invalid number format. REPLACE() reads EXTEN by name and deletes the allowed
 * characters; of what is left, only the first character goes into ISNULL().
 */
function onlyDialChars(label: string): DialplanPriority[] {
  return [app('GotoIf', `\${ISNULL(\${REPLACE(EXTEN,${DIALLED_NUMBER_CHARS}):0:1})}?${label}`), app('Hangup', '28')];
}

/**
 * Dial through each trunk in turn; go on to the next only when a trunk is unavailable or congested.
 * With `recording`, each dial is preceded by the recording decision for that trunk.
 */
function failover(trunks: TrunkResource[], number: string, recording: boolean): DialplanPriority[] {
  // A trunk's caller number must not stick to the next trunk: keep the caller's own to restore it.
  const ownNumbers = trunks.some((t) => t.callerId);
  const steps: DialplanPriority[] = ownNumbers ? [app('Set', 'SWF_CID=${CALLERID(num)}')] : [];
  for (const trunk of trunks) {
    if (ownNumbers) steps.push(app('Set', `CALLERID(num)=${trunk.callerId ?? '${SWF_CID}'}`));
    if (recording) steps.push(recordingDecision(trunk.recording));
    steps.push(app('Dial', `PJSIP/${number}@${trunkEndpoint(trunk.id)}`, '120', ...(recording ? [RECORDING_DIAL_OPTIONS] : [])));
    steps.push(app('GotoIf', `$["\${DIALSTATUS}" != "CHANUNAVAIL" & "\${DIALSTATUS}" != "CONGESTION"]?done`));
  }
  return [...steps, app('Congestion', '5'), ...labelled('done', [app('Hangup')])];
}

function routeTrunks(route: OutboundRouteResource, trunks: TrunkResource[]): TrunkResource[] {
  const byTrunkId = new Map(trunks.map((t) => [t.id, t]));
  return route.trunks.flatMap((id) => byTrunkId.get(id) ?? []);
}

function outboundRouteCtx(route: OutboundRouteResource, trunks: TrunkResource[], recording: boolean): DialplanContext {
  const extensions = route.patterns.map((pattern): DialplanExtension => {
    if (route.block) return { name: pattern, priorities: [app('Playback', 'ss-noservice'), app('Hangup', '21')] };
    const number = `${route.prepend}\${EXTEN${route.strip > 0 ? `:${route.strip}` : ''}}`;
    return { name: pattern, priorities: [...onlyDialChars('dial'), ...labelled('dial', failover(routeTrunks(route, trunks), number, recording))] };
  });
  return { name: outboundRouteContext(route.id), comments: [`outbound route ${route.id} ${route.name}`], extensions };
}

/** The contexts that connect extensions, trunks, flows and rooms. Includes are added as text. */
export function routingContexts(r: PbxResources): { contexts: DialplanContext[]; includes: Record<string, string[]> } {
  const trunks = byId(r.trunks);
  const routes = byId(r.outboundRoutes).filter((route) => route.id !== EMERGENCY_ROUTE_ID);
  const emergency = r.outboundRoutes.find((route) => route.id === EMERGENCY_ROUTE_ID);
  const emergencyTrunks = emergency && emergency.trunks.length > 0 ? routeTrunks(emergency, trunks) : trunks;
  const recording = recordingInUse(r);

  const internal: DialplanContext = {
    name: INTERNAL_CONTEXT,
    comments: ['phones: extensions, then flows, rooms and outbound routes (included)'],
    extensions: byId(r.extensions).map((e) => ({
      name: e.id,
      comment: e.name,
      priorities: [
        ...(recording ? [recordingDecision(e.recording)] : []),
        app('Dial', `PJSIP/${e.id}`, '30', ...(recording ? [RECORDING_DIAL_OPTIONS] : [])),
        ...(e.voicemail.enabled ? [app('VoiceMail', `${e.id}@default`, 'u')] : []),
        app('Hangup'),
      ],
    })),
  };
  const rooms: DialplanContext = {
    name: ROOMS_CONTEXT,
    comments: ['conference rooms; the PIN picks the profile'],
    extensions: byId(r.conferences).map((room) => {
      const p = roomProfiles(room.id);
      const join = (user: string) => app('ConfBridge', room.id, p.bridge, user);
      if (!room.pin && !room.moderatorPin) return { name: room.id, comment: room.name, priorities: [app('Answer'), join(p.user), app('Hangup')] };
      // SWF_PIN comes from Read(): DTMF keys only, so it is safe between quotes in $[...].
      const priorities: DialplanPriority[] = [app('Answer'), app('Read', 'SWF_PIN', 'conf-getpin', '10', '', '3', '10')];
      if (room.moderatorPin) priorities.push(app('GotoIf', `$["\${SWF_PIN}" = "${room.moderatorPin}"]?moderator`));
      priorities.push(room.pin ? app('GotoIf', `$["\${SWF_PIN}" = "${room.pin}"]?user`) : app('Goto', 'user'));
      priorities.push(app('Playback', 'conf-invalidpin'), app('Hangup'));
      if (room.moderatorPin) priorities.push(...labelled('moderator', [join(p.moderator), app('Hangup')]));
      priorities.push(...labelled('user', [join(p.user), app('Hangup')]));
      return { name: room.id, comment: room.name, priorities };
    }),
  };
  const outbound: DialplanContext = {
    name: OUTBOUND_CONTEXT,
    comments: ['outbound: emergency numbers first and always, then the routes'],
    extensions: [
      ...EMERGENCY_NUMBERS.map((n) => ({ name: n, priorities: [app('Goto', EMERGENCY_CONTEXT, '${EXTEN}', '1')] })),
      ...routes.flatMap((route) =>
        route.patterns.map((p) => ({ name: p, priorities: [...onlyDialChars('route'), ...labelled('route', [app('Goto', outboundRouteContext(route.id), '${EXTEN}', '1')])] })),
      ),
    ],
  };
  const emergencyCtx: DialplanContext = {
    name: EMERGENCY_CONTEXT,
    comments: ['110 and 112: through every usable trunk; cannot be blocked'],
    extensions: EMERGENCY_NUMBERS.map((n) => ({
      name: n,
      priorities: emergencyTrunks.length > 0 ? failover(emergencyTrunks, '${EXTEN}', recording) : [app('Playback', 'ss-noservice'), app('Congestion', '5')],
    })),
  };
  const inbound: DialplanContext = {
    name: INBOUND_CONTEXT,
    comments: ['calls from the trunks: DID -> flow or extension'],
    extensions: byId(r.inboundRoutes).map((route) => ({
      name: route.did,
      comment: `inbound route ${route.id}`,
      priorities: [
        // The announcement comes before anything records: recordings start at the bridge, after it.
        ...(route.consentPrompt ? [app('Answer'), app('Playback', promptFile({ kind: 'upload', id: route.consentPrompt }))] : []),
        ...(recording ? recordingMark(route.recording) : []),
        // To a flow: its Dial and Queue nodes weigh these marks with the dialled side (both engines).
        route.target.type === 'flow' ? app('Goto', flowContext(route.target.id), 's', '1') : app('Goto', INTERNAL_CONTEXT, route.target.id, '1'),
      ],
    })),
  };
  return {
    contexts: [
      internal,
      rooms,
      voicemailAccessContext(),
      outbound,
      emergencyCtx,
      ...routes.map((route) => outboundRouteCtx(route, trunks, recording)),
      inbound,
      ...(recording ? [recordingContext(), recordingKeysContext()] : []),
    ],
    includes: { [INTERNAL_CONTEXT]: [DEFAULT_ENTRY_CONTEXT, ROOMS_CONTEXT, VOICEMAIL_ACCESS_CONTEXT, OUTBOUND_CONTEXT] },
  };
}

/** The routing part of stumpfworks/extensions.conf (appended to the compiled flows). */
export function renderRouting(resources: PbxResources): string {
  const { contexts, includes } = routingContexts(resources);
  const text = renderDialplan({ header: ['routing: extensions, rooms, inbound and outbound routes'], contexts });
  return text.replace(/^\[([^\]]+)\]$/gm, (line, name: string) =>
    [line, ...(includes[name] ?? []).map((inc) => `include => ${inc}`)].join('\n'),
  );
}
