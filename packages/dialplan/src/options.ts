import type { KnownResources } from '@stumpfworks/flow';
import { DEFAULT_ARI_APP } from './ari/handoff.js';
import { DEFAULT_ENTRY_CONTEXT } from './names.js';
import { DialplanError } from './errors.js';
import type { RecordingPolicies } from './resources/recording.js';

/** How the generated dialplan reaches the rest of the PBX. Every field has a default. */
export interface CompileOptions {
  /**
   * The Dial() string for an extension target. A target can be the literal `${DIRECT_EXTENSION}`,
   * which Asterisk expands at dial time. Default: `PJSIP/<target>`.
   */
  dialString?: (target: string) => string;
  /**
   * The Dial() string for an external number through an outbound route (empty route = default).
   * Default: `Local/<number>@stumpfworks-outbound`, or `...@stumpfworks-outbound-<route>`.
   */
  transferDialString?: (number: string, route: string) => string;
  /** The context with one extension per flow number. Default: `stumpfworks-flows`. */
  entryContext?: string;
  /**
   * What exists on the PBX, for validation (unknown extensions, queues...). The list of flows is
   * always the set being compiled, whatever is given here.
   */
  resources?: KnownResources;
  /** The Stasis app of the ARI runtime, for flows with `deployment: 'ari'`. Default: `stumpfworks`. */
  ariApp?: string;
  /**
   * The published version of each flow, by flow id. A flow listed here gets `version: <n>` in its
   * `SWFlowNode` trace, so visits can be stored with the version that produced them
   * (`DialplanVisitSource` in @stumpfworks/ari-runtime reads it). Default: none (no version field).
   */
  flowVersions?: Readonly<Record<string, number>>;
  /**
   * The recording policies of extensions and queues (`recordingPolicies(resources)`), given when
   * some resource opts in to recording: then every Dial and Queue of a flow (and the ARI
   * hand-overs) first calls the routing's decision subroutine, as the routing's own dials do.
   * Default: none (nothing of recording is generated; the routing has no subroutine then either).
   */
  recording?: RecordingPolicies;
}

/** The options with every default filled in. */
export interface ResolvedOptions {
  dialString: (target: string) => string;
  transferDialString: (number: string, route: string) => string;
  entryContext: string;
  resources: KnownResources;
  ariApp: string;
  flowVersions: Readonly<Record<string, number>>;
  recording: RecordingPolicies | undefined;
}

/**
 * Fills in the defaults.
 *
 * @throws DialplanError `bad-option` for a flow version that is not a whole number from 1.
 */
export function resolveOptions(options: CompileOptions = {}): ResolvedOptions {
  for (const [flowId, version] of Object.entries(options.flowVersions ?? {})) {
    if (!Number.isInteger(version) || version < 1) {
      throw new DialplanError('bad-option', `flowVersions["${flowId}"] is ${version}; a flow version is a whole number from 1`);
    }
  }
  return {
    dialString: options.dialString ?? ((target) => `PJSIP/${target}`),
    transferDialString:
      options.transferDialString ??
      ((number, route) => `Local/${number}@stumpfworks-outbound${route === '' ? '' : `-${route}`}`),
    entryContext: options.entryContext ?? DEFAULT_ENTRY_CONTEXT,
    resources: options.resources ?? {},
    ariApp: options.ariApp ?? DEFAULT_ARI_APP,
    flowVersions: options.flowVersions ?? {},
    recording: options.recording,
  };
}
