import type { FieldOption } from './form.js';

/** The recording policy of an extension, trunk, inbound route or queue; '' leaves the field out (no say). */
export const RECORDING_POLICIES: readonly FieldOption[] = [
  { value: '', label: 'recordingUnset' },
  { value: 'never', label: 'recordingNever' },
  { value: 'onDemand', label: 'recordingOnDemand' },
  { value: 'always', label: 'recordingAlways' },
];
