import { auditSection } from '../audit/audit.settings.js';
import { historySection } from '../history/history.settings.js';
import { recordingSection } from '../recordings/recordings.settings.js';
import { backupSection } from './backup.settings.js';
import { httpsSection } from './https.settings.js';
import { networkSection } from './network.settings.js';
import type { SettingsSection } from './section.js';
import { securitySection } from './security.settings.js';

export { readSection, sectionFrom, writeSection, type SettingsSection } from './section.js';

/** Every settings section, in the order the API reference and the UI list them. */
export const SETTINGS_SECTIONS: SettingsSection[] = [networkSection, securitySection, backupSection, httpsSection, auditSection, recordingSection, historySection];
