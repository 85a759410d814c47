/**
 * The probe dialplan, queues and mailboxes the real-Asterisk tests install into the generated
 * files. Every context is entered at `s` (`Local/s@<context>`): a menu context must hold no other
 * extension that starts with a digit, or WaitExten waits the digit timeout for more digits.
 * Every step reports through `UserEvent(SWProbe,step: <name>,...)` on the ;2 leg; the
 * `Wait(30)` after it keeps the call up until the test hangs it up.
 */
export const PROBE_APP = 'swf-probe';

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
`;

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
