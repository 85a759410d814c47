import type { RegistrationState, RegistrationStatus } from '@stumpfworks/ari-runtime';

/** What each of the runtime's Stasis apps is for. */
export type AppRole = 'flows' | 'visits';

/** One Stasis app as Asterisk has it (for /health and the dashboard). */
export interface RuntimeApp extends Omit<RegistrationStatus, 'app'> {
  name: string;
  role: AppRole;
  /** Whether Asterisk routes the app's calls and events to this server now. */
  registered: boolean;
}

/** The runtime in one word: `connected` only when Asterisk has every app registered to us. */
export type RuntimeState = 'connected' | 'connecting' | 'replaced' | 'missing';

export interface RuntimeHealth {
  state: RuntimeState;
  apps: RuntimeApp[];
}

/** The worst first: a takeover needs a person, a missing app is being registered again, connecting waits for Asterisk. */
const WORST_FIRST = ['replaced', 'missing', 'connecting'] as const satisfies readonly RegistrationState[];

export function runtimeHealth(apps: Array<{ role: AppRole; status: RegistrationStatus }>): RuntimeHealth {
  const listed = apps.map(({ role, status: { app, ...rest } }): RuntimeApp => ({ name: app, role, ...rest, registered: rest.state === 'registered' }));
  const worst = WORST_FIRST.find((state) => listed.some((a) => a.state === state));
  return { state: worst ?? 'connected', apps: listed };
}
