/**
 * The PBX resources the generated Asterisk files are made from. The server stores them; these
 * renderers only read them, so the shapes here are the contract between the two.
 */

export type Codec = 'ulaw' | 'alaw' | 'opus' | 'gsm';

/**
 * Whether calls through a resource are recorded: never, on demand (`*1` toggles MixMonitor) or
 * always (from the start of the bridged call). Absent: the resource has no say; a call that no
 * resource opts in for is not recorded (§201 StGB). How several apply: recording.ts.
 */
export type RecordingPolicy = 'never' | 'onDemand' | 'always';

export interface ExtensionResource {
  id: string;
  name: string;
  callerId: string;
  secret: string;
  codecs: Codec[];
  context: string;
  voicemail: { enabled: boolean; pin?: string; email?: string };
  webrtc: boolean;
  /** Let Asterisk hand the media to the two phones (direct_media); absent (stored before it existed) is off. */
  directMedia?: boolean;
  recording?: RecordingPolicy;
}

export interface TrunkResource {
  id: string;
  name: string;
  type: 'registration' | 'ip';
  server: string;
  port: number;
  realm?: string;
  transport: 'udp' | 'tcp' | 'tls';
  username?: string;
  password?: string;
  callerId?: string;
  codecs: Codec[];
  recording?: RecordingPolicy;
}

export interface InboundRouteResource {
  id: string;
  did: string;
  target: { type: 'flow' | 'extension'; id: string };
  recording?: RecordingPolicy;
  /** A prompt (its id) the caller hears first, e.g. that the call may be recorded: answered, played, then routed. */
  consentPrompt?: string;
}

export interface OutboundRouteResource {
  id: string;
  name: string;
  patterns: string[];
  trunks: string[];
  strip: number;
  prepend: string;
  block: boolean;
}

export interface QueueResource {
  id: string;
  name: string;
  strategy: 'ringall' | 'rrmemory' | 'leastrecent' | 'fewestcalls' | 'random';
  members: string[];
  musicOnHold: string;
  announcePosition: boolean;
  announceFrequencySeconds: number;
  maxWaitSeconds: number;
  ringSeconds: number;
  /** Weighed when a flow's Queue node puts a call in (the answering agent is not known before). */
  recording?: RecordingPolicy;
}

export interface ConferenceResource {
  id: string;
  name: string;
  pin?: string;
  moderatorPin?: string;
  maxParticipants: number;
  record: boolean;
}

/** Everything that goes into one publish, besides the flows. */
export interface PbxResources {
  extensions: ExtensionResource[];
  trunks: TrunkResource[];
  inboundRoutes: InboundRouteResource[];
  outboundRoutes: OutboundRouteResource[];
  queues: QueueResource[];
  conferences: ConferenceResource[];
  /**
   * Whether a published flow has a Consent node, which marks calls with a policy: recording is
   * then in use even when no resource opts in (recording.ts `recordingInUse`). Absent: none.
   */
  consentFlows?: boolean;
}

export const EMPTY_RESOURCES: PbxResources = {
  extensions: [],
  trunks: [],
  inboundRoutes: [],
  outboundRoutes: [],
  queues: [],
  conferences: [],
};
