export * from './types.js';
export { renderPjsip, trunkEndpoint, transportName, DEFAULT_SIP_NETWORK, SYSTEM_CA_BUNDLE, type SipNetwork } from './pjsip.js';
export {
  renderRtp,
  natEntries,
  DEFAULT_NETWORK_SETTINGS,
  RFC1918_NETWORKS,
  LOOPBACK_NETWORK,
  type NetworkSettings,
} from './network.js';
export { renderVoicemail } from './voicemail.js';
export { renderQueues } from './queues.js';
export { renderConfbridge, roomProfiles } from './confbridge.js';
export { renderMusicOnHold, mohClass, DEFAULT_MOH_CLASS, PROMPT_SOUNDS_DIR } from './moh.js';
export {
  renderRouting,
  outboundRouteContext,
  INTERNAL_CONTEXT,
  INBOUND_CONTEXT,
  OUTBOUND_CONTEXT,
  EMERGENCY_CONTEXT,
  ROOMS_CONTEXT,
} from './routing.js';
export { renderConf, type ConfSection } from './conf-text.js';
export { RECORDING_CONTEXT, recordingInUse, recordingMarkVariable, recordingPolicies, strictest, type RecordingPolicies } from './recording.js';
