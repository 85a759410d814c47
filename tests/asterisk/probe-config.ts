/**
 * The probe dialplan, queues and mailboxes the real-Asterisk tests install into the generated
 * files. Every context is entered at `s` (`Local/s@<context>`): a menu context must hold no other
 * extension that starts with a digit, or WaitExten waits the digit timeout for more digits.
 * Every step reports through `UserEvent(SWProbe,step: <name>,...)` on the ;2 leg; the
 * `Wait(30)` after it keeps the call up until the test hangs it up.
 */
import { callerNumberSteps, jsonStringSteps, mappedFieldSteps, renderDialplan, urlValueSteps, type DialplanPriority } from '@stumpfworks/dialplan';

export const PROBE_APP = 'swf-probe';

const step = (app: string, ...args: string[]): DialplanPriority => ({ app, args });

/**
 * The HTTP request node's handling of values, made by the compiler's own functions: PROBE_TEXT
 * (base64) prepared for a URL (U) and for a JSON string (J), and given to URIENCODE() as it is
 * (RAW: what the node did before); PROBE_JSON (base64) read at PROBE_PATH as a mapped field (V);
 * and the caller number PROBE_CALLER (base64) as SWF_HTTP_CALLER. The test reads the variables
 * with ARI while the call waits.
 */
const HTTP_VALUES = renderDialplan({
  header: ['HTTP request node values (tests/asterisk/http-request.test.ts)'],
  contexts: [
    {
      name: 'swf-probe-json',
      comments: [],
      extensions: [
        {
          name: 's',
          priorities: [
            step('Set', 'T=${BASE64_DECODE(${PROBE_TEXT})}'),
            ...urlValueSteps('U', 'T'),
            ...jsonStringSteps('J', 'T'),
            step('Set', 'RAW=${URIENCODE(${T})}'),
            step('Set', 'SWF_HTTP=${BASE64_DECODE(${PROBE_JSON})}'),
            ...mappedFieldSteps('V', '${PROBE_PATH}'),
            step('UserEvent', 'SWProbe', 'step: json'),
            step('Answer'),
            step('Wait', '30'),
          ],
        },
      ],
    },
    {
      name: 'swf-probe-caller-number',
      comments: ['the caller number as a request carries it: PROBE_CALLER (base64, never empty)'],
      extensions: [
        {
          name: 's',
          priorities: [
            step('Set', 'CALLERID(num)=${BASE64_DECODE(${PROBE_CALLER})}'),
            ...callerNumberSteps(),
            step('UserEvent', 'SWProbe', 'step: caller'),
            step('Answer'),
            step('Wait', '30'),
          ],
        },
      ],
    },
  ],
});

export const PROBE_DIALPLAN = `
[swf-probe-trace]
exten => s,1,Answer()
 same => n,UserEvent(SWFlowNode,flow: f1,node: n1)
 same => n,Wait(30)

[swf-probe-userevent-fields]
exten => s,1,UserEvent(SWShapes,nospace:v1,colon: a:b,spaced:   x y  ,empty:,novalue,Flow: Upper)
 same => n,Answer(,i)
 same => n,Wait(30)

[swf-probe-menu]
exten => s,1,Answer()
 same => n,UserEvent(SWProbe,step: ready)
 same => n,Background(demo-thanks)
 same => n,UserEvent(SWProbe,step: prompt-done)
 same => n,WaitExten(3)
exten => 1,1,UserEvent(SWProbe,step: branch,branch: 1)
 same => n,Wait(30)
exten => 2,1,UserEvent(SWProbe,step: branch,branch: 2)
 same => n,Wait(30)
exten => t,1,UserEvent(SWProbe,step: branch,branch: t)
 same => n,Wait(30)
exten => i,1,UserEvent(SWProbe,step: branch,branch: i,invalid: \${INVALID_EXTEN})
 same => n,Wait(30)

[swf-probe-read]
exten => s,1,Answer()
 same => n,UserEvent(SWProbe,step: ready)
 same => n,Read(ENTRY,,6,,1,3)
 same => n,UserEvent(SWProbe,step: read,entry: \${ENTRY},status: \${READSTATUS})
 same => n,Wait(30)

[swf-probe-read-immediate]
exten => s,1,Answer(,i)
 same => n,Read(ENTRY,,6,,1,3)
 same => n,UserEvent(SWProbe,step: read,entry: \${ENTRY},status: \${READSTATUS})
 same => n,Wait(30)

[swf-probe-vars]
exten => s,1,UserEvent(SWProbe,step: child,num: \${CALLERID(num)},name: \${CALLERID(name)},now: \${SWF_NOW},plain: \${SWF_PLAIN},one: \${SWF_ONE})
 same => n,Answer()
 same => n,Dial(Local/s@swf-probe-vars-grandchild,5)
 same => n,UserEvent(SWProbe,step: dialed)
 same => n,Wait(30)

[swf-probe-vars-grandchild]
exten => s,1,UserEvent(SWProbe,step: grandchild,num: \${CALLERID(num)},now: \${SWF_NOW},plain: \${SWF_PLAIN},one: \${SWF_ONE})
 same => n,Hangup()

[swf-probe-dial]
exten => s,1,Answer()
 same => n,Dial(Local/\${TARGET}@swf-probe-target,\${RING},g)
 same => n,UserEvent(SWProbe,step: dial,dialstatus: \${DIALSTATUS},cause: \${HANGUPCAUSE})
 same => n,Wait(30)

[swf-probe-target]
exten => _X.,1,Stasis(${PROBE_APP},target,\${EXTEN})
exten => agent,1,Stasis(${PROBE_APP},agent)

[swf-probe-queue]
exten => s,1,Answer()
 same => n,Queue(\${QNAME},\${QOPTS},,,\${QWAIT})
 same => n,UserEvent(SWProbe,step: queue,queuestatus: \${QUEUESTATUS})
 same => n,Wait(30)

[swf-probe-voicemail]
exten => s,1,Answer()
 same => n,VoiceMail(1000@default,u)
 same => n,UserEvent(SWProbe,step: voicemail,vmstatus: \${VMSTATUS},file: \${VM_MESSAGEFILE})
 same => n,Wait(30)

[swf-probe-conference]
exten => s,1,Answer()
 same => n,ConfBridge(8000)
 same => n,UserEvent(SWProbe,step: conference,result: \${CONFBRIDGE_RESULT})
 same => n,Wait(30)
; HTTP request node (tests/asterisk/http-request.test.ts): CURL() with the status line, the body
; after the first CR LF CR LF, the time taken; PROBE_URL, PROBE_BODY (POST when set), PROBE_TIMEOUT.
[swf-probe-http]
exten => s,1,Answer()
 same => n,Set(CURLOPT(header)=1)
 same => n,Set(CURLOPT(httptimeout)=\${PROBE_TIMEOUT})
 same => n,Set(CURLOPT(conntimeout)=\${PROBE_TIMEOUT})
 same => n,Set(CURLOPT(httpheader)=Content-Type: application/json)
 same => n,Set(CURLOPT(httpheader)=Expect:)
 same => n,Set(T0=\${STRFTIME(,,%s%3q)})
 same => n,GotoIf(\$["\${PROBE_BODY}" = ""]?get)
 same => n,Set(R=\${CURL(\${PROBE_URL},\${BASE64_DECODE(\${PROBE_BODY})})})
 same => n,Goto(done)
 same => n(get),Set(R=\${CURL(\${PROBE_URL})})
 same => n(done),Set(MS=\$[\${STRFTIME(,,%s%3q)} - \${T0}])
 same => n,Set(STATUS=\${CUT(R, ,2)})
 same => n,Set(R=\${STRREPLACE(R,\${SPRINTF(%c%c%c%c,13,10,13,10)},\${SPRINTF(%c,1)},1)})
 same => n,Set(R=\${CUT(R,\${SPRINTF(%c,1)},2-)})
 same => n,UserEvent(SWProbe,step: http,status: \${STATUS},ms: \${MS},length: \${LEN(\${R})},tier: \${JSON_DECODE(R,tier)},body: \${BASE64_ENCODE(\${R})})
 same => n,Wait(30)

; CURL() with a long body (PROBE_RAW, as it is: base64 would not fit): how much of it arrives.
[swf-probe-curl-long]
exten => s,1,Answer()
 same => n,Set(CURLOPT(header)=1)
 same => n,Set(R=\${CURL(\${PROBE_URL},\${PROBE_RAW})})
 same => n,Set(R=\${STRREPLACE(R,\${SPRINTF(%c%c%c%c,13,10,13,10)},\${SPRINTF(%c,1)},1)})
 same => n,Set(R=\${CUT(R,\${SPRINTF(%c,1)},2-)})
 same => n,UserEvent(SWProbe,step: curl-long,body: \${BASE64_ENCODE(\${R})})
 same => n,Wait(30)

; SHELL() and System() must not exist (tests/asterisk/modules.test.ts). PROBE_CANARY is a file name,
; PROBE_WORDS a shell command without spaces (the expression parser splits at spaces).
[swf-probe-no-shell]
exten => s,1,Answer()
 same => n,Set(R=\${SHELL(echo 5)})
 same => n,Set(X=\${SHELL(touch /tmp/\${PROBE_CANARY}x1)})
 same => n,Set(E=\$[SHELL(\${PROBE_WORDS})])
 same => n,UserEvent(SWProbe,step: shell,result: \${R})
 same => n,System(touch /tmp/\${PROBE_CANARY}x3)
 same => n,UserEvent(SWProbe,step: after-system)
 same => n,Wait(30)

; Condition node (tests/asterisk/condition.test.ts): sets the caller number exactly (PROBE_CALLER,
; base64; BASE64_DECODE of nothing warns), then runs the compiled flow PROBE_FLOW.
[swf-probe-condition-caller]
exten => s,1,GotoIf(\$["\${PROBE_CALLER}" = ""]?empty)
 same => n,Set(CALLERID(num)=\${BASE64_DECODE(\${PROBE_CALLER})})
 same => n,Goto(\${PROBE_FLOW},s,1)
 same => n(empty),Set(CALLERID(num)=)
 same => n,Goto(\${PROBE_FLOW},s,1)

; What the naive forms do with a hostile value V: the old compiled equals, V inside \$[...], and a
; function reading V as its argument (BASE64_ENCODE, read back through BASE64_DECODE by the test).
[swf-probe-condition-naive]
exten => s,1,Set(OLD=no)
 same => n,GotoIf(\$["x\${V}" = "x0891234"]?old)
 same => n,Goto(report)
 same => n(old),Set(OLD=yes)
 same => n(report),Set(EXPR=\$[\${V}])
 same => n,UserEvent(SWProbe,step: naive,old: \${OLD},expr: \${BASE64_ENCODE(\${EXPR})},arg: \${BASE64_ENCODE(x\${V})})
 same => n,Answer(,i)
 same => n,Wait(30)

${HTTP_VALUES}`;

export const PROBE_QUEUES = `
[swf-probe-agents]
strategy = ringall
timeout = 15
retry = 1
joinempty = yes
leavewhenempty = no
member => Local/agent@swf-probe-target/n

[swf-probe-empty]
strategy = ringall
joinempty = yes
leavewhenempty = no

[swf-probe-empty-strict]
strategy = ringall
joinempty = no
`;

export const PROBE_VOICEMAIL = `
[default]
1000 => 1234,Probe Mailbox,probe@stumpfworks.invalid
`;

/** Generated file -> module to reload after writing it. */
export const PROBE_FILES = {
  dialplan: { name: 'extensions-test.conf', module: 'pbx_config.so', content: PROBE_DIALPLAN },
  queues: { name: 'queues.conf', module: 'app_queue.so', content: PROBE_QUEUES },
  voicemail: { name: 'voicemail.conf', module: 'app_voicemail.so', content: PROBE_VOICEMAIL },
} as const;
