/** How often, and how many times, the page asks whether the restarted server is back (2 minutes in all). */
const POLL_MS = 500;
const ATTEMPTS = 240;

/** GET /health's `startedAt`, or undefined while the server does not answer (it is closing or starting). */
export async function startedAt(fetchHealth: () => Promise<Response> = () => fetch('/health', { cache: 'no-store' })): Promise<string | undefined> {
  try {
    const response = await fetchHealth();
    if (!response.ok) return undefined;
    return ((await response.json()) as { startedAt?: string }).startedAt;
  } catch {
    // A refused connection while the server is down: that is what the wait expects.
    return undefined;
  }
}

/**
 * Waits until the server answers /health with a `startedAt` other than `before` (the restarted
 * one); false when it did not within ATTEMPTS asks.
 */
export async function waitForRestart(
  before: string | undefined,
  ask: () => Promise<string | undefined> = startedAt,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const now = await ask();
    if (now !== undefined && now !== before) return true;
    await sleep(POLL_MS);
  }
  return false;
}
