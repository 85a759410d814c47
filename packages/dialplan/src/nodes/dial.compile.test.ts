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
    expect(s.slice(1, 6)).toEqual([
      'Dial(PJSIP/1000,15,g)',
      'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
      'Dial(PJSIP/1001,15,g)',
      'GotoIf($["${DIALSTATUS}" = "ANSWER"]?answered)',
      'Dial(PJSIP/1002,15,g)',
    ]);
    expect(s.slice(6, 9)).toEqual(mapping);
  });

  it('falls back from busy and unavailable to noAnswer, and ends as connected when answered is unconnected', () => {
    const { s } = compileNode(dial({ targets: ['1000'] }), ['noAnswer']);
    expect(s.slice(5)).toEqual([
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
    expect(s[1]).toBe('Dial(PJSIP/${DIRECT_EXTENSION}@trunk,15,g)');
  });

  it('with answeredBy, sets the variable to the target Dial() reports in DIALEDPEERNUMBER, and empties it otherwise', () => {
    const { s } = compileNode(dial({ targets: ['1000', '${DIRECT_EXTENSION}'], answeredBy: 'WHO' }), ['answered', 'noAnswer']);
    expect(s.slice(5)).toEqual([
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
});
