import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { musterfirma } from './fixtures.js';
import { renderPjsip } from './pjsip.js';
import { recordingInUse, recordingPolicies, strictest } from './recording.js';
import { renderRouting } from './routing.js';
import type { PbxResources } from './types.js';

/** Musterfirma with Anna recorded on demand, the carrier trunk never, the direct route always. */
const withPolicies: PbxResources = {
  ...musterfirma,
  extensions: musterfirma.extensions.map((e) => (e.id === '1000' ? { ...e, recording: 'onDemand' } : e)),
  trunks: musterfirma.trunks.map((t) => (t.id === 'carrier' ? { ...t, recording: 'never' } : t)),
  inboundRoutes: musterfirma.inboundRoutes.map((r) => (r.id === 'direct' ? { ...r, recording: 'always' } : r)),
};

/** The lines of a rendered file that belong to `[name]` (up to the next context). */
function section(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`[${name}]`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('['));
  return lines.slice(start, end === -1 ? undefined : end).filter((line) => line && !line.startsWith(';'));
}

describe('recording policies', () => {
  it('generate nothing while no resource opts in (an explicit never alone changes nothing)', () => {
    const neverOnly: PbxResources = { ...musterfirma, trunks: musterfirma.trunks.map((t) => ({ ...t, recording: 'never' as const })) };
    expect(recordingInUse(neverOnly)).toBe(false);
    expect(renderRouting(neverOnly)).toBe(renderRouting(musterfirma));
    expect(renderPjsip(neverOnly)).toBe(renderPjsip(musterfirma));
  });

  it('mark the calls of extensions and trunks with their policy (pjsip set_var, inherited)', () => {
    const pjsip = renderPjsip(withPolicies);
    expect(pjsip).toContain('set_var = __SWF_REC_ONDEMAND=1');
    expect(pjsip).toContain('set_var = __SWF_REC_NEVER=1');
    expect(pjsip.match(/set_var/g)).toHaveLength(2);
  });

  it('decide before every dial, with the dialled side as the argument', () => {
    const routing = renderRouting(withPolicies);
    expect(section(routing, 'stumpfworks-internal')).toContain('exten => 1000,1,Gosub(stumpfworks-recording,s,1(onDemand))');
    expect(routing).toContain(' same => n,Dial(PJSIP/1000,30,${SWF_REC_DIAL})');
    expect(routing).toContain('exten => 1001,1,Gosub(stumpfworks-recording,s,1())');
    expect(routing).toContain(' same => n,Gosub(stumpfworks-recording,s,1(never))\n same => n,Dial(PJSIP/${EXTEN}@trunk-carrier,120,${SWF_REC_DIAL})');
    // The route marks the call; to an extension, the extension's dial decides; to a flow, the flow's Dial and Queue nodes do.
    expect(section(routing, 'stumpfworks-inbound')).toEqual([
      '[stumpfworks-inbound]',
      'exten => 4930123457,1,Set(__SWF_REC_ALWAYS=1)',
      ' same => n,Goto(stumpfworks-internal,1001,1)',
      'exten => 4930123456,1,Goto(swf-musterfirma,s,1)',
    ]);
  });

  it('weigh never over always over on demand in the subroutine', () => {
    expect(section(renderRouting(withPolicies), 'stumpfworks-recording')).toMatchInlineSnapshot(`
      [
        "[stumpfworks-recording]",
        "exten => s,1,Set(SWF_REC_DIAL=)",
        " same => n,Set(DYNAMIC_FEATURES=)",
        " same => n,GotoIf($["\${SWF_REC_KIND}" != "ondemand"]?decide)",
        " same => n,Gosub(stumpfworks-recording-keys,end,1)",
        " same => n(decide),GotoIf($[\${EXISTS(\${SWF_REC_NEVER})} | "\${ARG1}" = "never" | "\${ARG2}" = "never"]?never)",
        " same => n,GotoIf($[\${EXISTS(\${SWF_REC_ALWAYS})} | "\${ARG1}" = "always" | "\${ARG2}" = "always"]?always)",
        " same => n,GotoIf($[\${EXISTS(\${SWF_REC_ONDEMAND})} | "\${ARG1}" = "onDemand" | "\${ARG2}" = "onDemand"]?onDemand)",
        " same => n(never),GotoIf(\${EXISTS(\${SWF_REC_FILE})}?stop:done)",
        " same => n(stop),Gosub(stumpfworks-recording-keys,end,1)",
        " same => n(done),Return()",
        " same => n(always),Set(DYNAMIC_FEATURES=swf-pause-self)",
        " same => n,Set(SWF_REC_DIAL=b(stumpfworks-recording-keys^callee-always^1))",
        " same => n,GotoIf(\${EXISTS(\${SWF_REC_FILE})}?done)",
        " same => n,Set(__SWF_REC_FILE=always-\${EPOCH}-\${UNIQUEID}.wav)",
        " same => n,Set(SWF_REC_KIND=always)",
        " same => n,MixMonitor(\${SWF_REC_FILE},bi(SWF_REC_MIX))",
        " same => n,Set(SWF_REC_STATE=on)",
        " same => n,Return()",
        " same => n(onDemand),Set(DYNAMIC_FEATURES=swf-record-self#swf-pause-self)",
        " same => n,Set(SWF_REC_DIAL=b(stumpfworks-recording-keys^callee-ondemand^1))",
        " same => n,Return()",
      ]
    `);
  });

  it('give the keys only where a policy allows recording: *1 on demand, *2 on demand and always, none for never', () => {
    const lines = section(renderRouting(withPolicies), 'stumpfworks-recording');
    const after = (label: string) => lines.slice(lines.findIndex((l) => l.includes(`n(${label}),`)));
    // never (and nobody opted in) ends a running recording and leaves the keys cleared at the start.
    expect(lines.slice(1, 3)).toEqual(['exten => s,1,Set(SWF_REC_DIAL=)', ' same => n,Set(DYNAMIC_FEATURES=)']);
    expect(after('never').slice(0, 3).join('\n')).not.toContain('DYNAMIC_FEATURES=swf');
    expect(after('always').slice(0, 2)).toEqual([
      ' same => n(always),Set(DYNAMIC_FEATURES=swf-pause-self)',
      ' same => n,Set(SWF_REC_DIAL=b(stumpfworks-recording-keys^callee-always^1))',
    ]);
    expect(after('onDemand').slice(0, 2)).toEqual([
      ' same => n(onDemand),Set(DYNAMIC_FEATURES=swf-record-self#swf-pause-self)',
      ' same => n,Set(SWF_REC_DIAL=b(stumpfworks-recording-keys^callee-ondemand^1))',
    ]);
  });

  it('pause with *2 by stopping the recording and resume it into the same file (MixMonitor append)', () => {
    expect(section(renderRouting(withPolicies), 'stumpfworks-recording-keys')).toMatchInlineSnapshot(`
      [
        "[stumpfworks-recording-keys]",
        "exten => record,1,GotoIf($["\${SWF_REC_KIND}" = "ondemand"]?end,1)",
        " same => n,GotoIf(\${EXISTS(\${SWF_REC_FILE})}?done)",
        " same => n,Set(__SWF_REC_FILE=ondemand-\${EPOCH}-\${UNIQUEID}.wav)",
        " same => n,Set(SWF_REC_KIND=ondemand)",
        " same => n,MixMonitor(\${SWF_REC_FILE},bi(SWF_REC_MIX))",
        " same => n,Set(SWF_REC_STATE=on)",
        " same => n(done),Return()",
        "exten => pause,1,GotoIf($["\${SWF_REC_STATE}" = "paused"]?resume)",
        " same => n,GotoIf($["\${SWF_REC_STATE}" != "on"]?done)",
        " same => n,StopMixMonitor(\${SWF_REC_MIX})",
        " same => n,Set(SWF_REC_STATE=paused)",
        " same => n(done),Return()",
        " same => n(resume),MixMonitor(\${SWF_REC_FILE},abi(SWF_REC_MIX))",
        " same => n,Set(SWF_REC_STATE=on)",
        " same => n,Return()",
        "exten => end,1,GotoIf($["\${SWF_REC_STATE}" != "on"]?clear)",
        " same => n,StopMixMonitor(\${SWF_REC_MIX})",
        " same => n(clear),Set(__SWF_REC_FILE=)",
        " same => n,Set(SWF_REC_KIND=)",
        " same => n,Set(SWF_REC_STATE=)",
        " same => n,Return()",
        "exten => callee-ondemand,1,Set(DYNAMIC_FEATURES=swf-record-peer#swf-pause-peer)",
        " same => n,Return()",
        "exten => callee-always,1,Set(DYNAMIC_FEATURES=swf-pause-peer)",
        " same => n,Return()",
      ]
    `);
  });

  it('name in the keys only features that asterisk/conf/features.conf maps, each to the keys subroutine', () => {
    const conf = readFileSync(fileURLToPath(new URL('../../../../asterisk/conf/features.conf', import.meta.url)), 'utf8');
    const mapped = new Map([...conf.matchAll(/^(swf-[a-z-]+) => (\*[12]),(self|peer),Gosub\(stumpfworks-recording-keys,(record|pause),1\)$/gm)].map((m) => [m[1], m.slice(2)]));
    expect(Object.fromEntries(mapped)).toEqual({
      'swf-record-self': ['*1', 'self', 'record'],
      'swf-record-peer': ['*1', 'peer', 'record'],
      'swf-pause-self': ['*2', 'self', 'pause'],
      'swf-pause-peer': ['*2', 'peer', 'pause'],
    });
    const named = [...renderRouting(withPolicies).matchAll(/DYNAMIC_FEATURES=([^)]+)\)/g)].flatMap((m) => m[1]!.split('#'));
    expect(new Set(named)).toEqual(new Set(mapped.keys()));
  });

  it('count a queue that opts in, and give the flow engines the policies of extensions and queues', () => {
    const queueOnly: PbxResources = { ...musterfirma, queues: musterfirma.queues.map((q, i) => (i === 0 ? { ...q, recording: 'always' as const } : q)) };
    expect(recordingInUse(queueOnly)).toBe(true);
    expect(recordingPolicies(musterfirma)).toBeUndefined();
    expect(recordingPolicies(withPolicies)).toEqual({ extensions: { '1000': 'onDemand' }, queues: {} });
    expect(recordingPolicies(queueOnly)?.queues).toEqual({ [musterfirma.queues[0]!.id]: 'always' });
  });

  it('weigh the strictest of several policies: never > always > on demand', () => {
    expect(strictest(['onDemand', 'always', undefined])).toBe('always');
    expect(strictest(['always', 'never', 'onDemand'])).toBe('never');
    expect(strictest([undefined, 'onDemand'])).toBe('onDemand');
    expect(strictest([undefined])).toBeUndefined();
  });

  it('play an inbound route\'s consent prompt after answering, before the marks and the route', () => {
    const consent: PbxResources = { ...withPolicies, inboundRoutes: withPolicies.inboundRoutes.map((r) => (r.id === 'direct' ? { ...r, consentPrompt: 'hinweis' } : r)) };
    expect(section(renderRouting(consent), 'stumpfworks-inbound').slice(1, 5)).toEqual([
      'exten => 4930123457,1,Answer()',
      ' same => n,Playback(stumpfworks/prompts/hinweis)',
      ' same => n,Set(__SWF_REC_ALWAYS=1)',
      ' same => n,Goto(stumpfworks-internal,1001,1)',
    ]);
  });
});
