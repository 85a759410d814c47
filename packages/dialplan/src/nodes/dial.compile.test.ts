import { describe, expect, it } from 'vitest';
import { compileNode } from '../testing.js';

const dial = (params: Record<string, unknown>) => ({ id: 'dial', type: 'Dial', params: { ringSeconds: 15, ...params } });
const mapping = [
  'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
  'GotoIf($["${DIALSTATUS}" = "BUSY"]?busy)',
  'GotoIf($["${DIALSTATUS}" = "CHANUNAVAIL" | "${DIALSTATUS}" = "CONGESTION"]?unavailable)',
];

describe('compileDial', () => {
  it('rings all targets at once and maps DIALSTATUS to the outputs', () => {
    const { s } = compileNode(dial({ targets: ['1000', '1001'] }), ['answered', 'noAnswer', 'busy', 'unavailable']);
    expect(s).toEqual([
      'UserEvent(SWFlowNode,flow: f,node: dial)',
      'CELGenUserEvent(SWFlowNode,f//dial)',
      'Dial(PJSIP/1000&PJSIP/1001,15,g)',
      ...mapping,
      '(noAnswer) Goto(swf-f-to-noanswer,s,1)',
      '(busy) Goto(swf-f-to-busy,s,1)',
      '(unavailable) Goto(swf-f-to-unavailable,s,1)',
      '(answered) Goto(swf-f-to-answered,s,1)',
    ]);
  });

  it('rings targets one by one, stopping at the first answer', () => {
    const { s } = compileNode(dial({ targets: ['1000', '1001', '1002'], strategy: 'sequential' }), ['noAnswer']);
    expect(s.slice(2, 7)).toEqual([
      'Dial(PJSIP/1000,15,g)',
      'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
      'Dial(PJSIP/1001,15,g)',
      'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
      'Dial(PJSIP/1002,15,g)',
    ]);
    expect(s.slice(7, 10)).toEqual(mapping);
  });

  it('falls back from busy and unavailable to noAnswer, and ends as connected when answered is unconnected', () => {
    const { s } = compileNode(dial({ targets: ['1000'] }), ['noAnswer']);
    expect(s.slice(6)).toEqual([
      '(noAnswer) Goto(swf-f-to-noanswer,s,1)',
      '(busy) Goto(swf-f-to-noanswer,s,1)',
      '(unavailable) Goto(swf-f-to-noanswer,s,1)',
      '(answered) UserEvent(SWFlowEnd,flow: f,node: dial,outcome: connected)',
      'Hangup()',
    ]);
  });

  it('dials ${DIRECT_EXTENSION} through the dial string option', () => {
    const { s } = compileNode(dial({ targets: ['${DIRECT_EXTENSION}'] }), ['noAnswer'], {
      dialString: (target) => `PJSIP/${target}@trunk`,
    });
    expect(s[2]).toBe('Dial(PJSIP/${DIRECT_EXTENSION}@trunk,15,g)');
  });

  it('with answeredBy, sets the variable to the target Dial() reports in DIALEDPEERNUMBER, and empties it otherwise', () => {
    const { s } = compileNode(dial({ targets: ['1000', '${DIRECT_EXTENSION}'], answeredBy: 'WHO' }), ['answered', 'noAnswer']);
    expect(s.slice(6)).toEqual([
      '(noAnswer) Set(WHO=)',
      'Goto(swf-f-to-noanswer,s,1)',
      '(busy) Set(WHO=)',
      'Goto(swf-f-to-noanswer,s,1)',
      '(unavailable) Set(WHO=)',
      'Goto(swf-f-to-noanswer,s,1)',
      '(answered) GotoIf($["${DIALEDPEERNUMBER}" = "1000"]?answeredBy0)',
      'GotoIf($["${DIALEDPEERNUMBER}" = "${DIRECT_EXTENSION}"]?answeredBy1)',
      'Set(WHO=1000)',
      'Goto(answeredGo)',
      '(answeredBy0) Set(WHO=1000)',
      'Goto(answeredGo)',
      '(answeredBy1) Set(WHO=${DIRECT_EXTENSION})',
      'Goto(answeredGo)',
      '(answeredGo) Goto(swf-f-to-answered,s,1)',
    ]);
  });

  describe('with recording policies in use', () => {
    const recording = { extensions: { '1000': 'onDemand', '1001': 'never', '1002': 'always' }, queues: {} } as const;

    it('decides before a simultaneous dial with the strictest of its targets, and dials with the decision\'s options', () => {
      const { s } = compileNode(dial({ targets: ['1000', '1002', '1003'] }), ['noAnswer'], { recording });
      expect(s.slice(2, 4)).toEqual(['Gosub(stumpfworks-recording,s,1(always))', 'Dial(PJSIP/1000&PJSIP/1002&PJSIP/1003,15,g${SWF_REC_DIAL})']);
    });

    it('decides before each dial of a sequential one, with that target alone (no say: the call\'s marks decide)', () => {
      const { s } = compileNode(dial({ targets: ['1001', '1003'], strategy: 'sequential' }), ['noAnswer'], { recording });
      expect(s.slice(2, 7)).toEqual([
        'Gosub(stumpfworks-recording,s,1(never))',
        'Dial(PJSIP/1001,15,g${SWF_REC_DIAL})',
        'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
        'Gosub(stumpfworks-recording,s,1())',
        'Dial(PJSIP/1003,15,g${SWF_REC_DIAL})',
      ]);
    });

    it('looks the policy of ${DIRECT_EXTENSION} up among the extensions that have one, as a second argument', () => {
      const { s } = compileNode(dial({ targets: ['${DIRECT_EXTENSION}', '1000'] }), ['noAnswer'], { recording });
      expect(s.slice(2, 8)).toEqual([
        'Set(SWF_REC_DIRECT=)',
        'Set(SWF_REC_DIRECT=${IF($["${DIRECT_EXTENSION}" = "1000"]?onDemand:${SWF_REC_DIRECT})})',
        'Set(SWF_REC_DIRECT=${IF($["${DIRECT_EXTENSION}" = "1001"]?never:${SWF_REC_DIRECT})})',
        'Set(SWF_REC_DIRECT=${IF($["${DIRECT_EXTENSION}" = "1002"]?always:${SWF_REC_DIRECT})})',
        'Gosub(stumpfworks-recording,s,1(onDemand,${SWF_REC_DIRECT}))',
        'Dial(PJSIP/${DIRECT_EXTENSION}&PJSIP/1000,15,g${SWF_REC_DIAL})',
      ]);
    });
  });
});
