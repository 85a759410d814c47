import type { Env } from '../env.js';
import { startServer, type RunningServer, type StartOptions } from '../server.js';

/** The server as main.ts runs it: started again in-process when an admin asks (POST /api/v1/restart). */
export interface ServerLoop {
  /** The server running now (another object after each restart). */
  current(): RunningServer;
  /** Resolves when the restart under way (if any) has finished; for tests and shutdown. */
  settled(): Promise<void>;
  /** Closes the current server for good (a restart under way finishes first). */
  stop(): Promise<void>;
}

export interface LoopOptions extends StartOptions {
  /** A restart whose new start failed (the old server is closed already): main.ts exits so that a supervisor starts it afresh. */
  onFatal: (error: Error) => void;
}

/**
 * Starts the server and restarts it in-process on request: close everything (HTTP, runtime,
 * database, the DATA_DIR lock), then start again on the same port. The new start applies a staged
 * restore first (startServer), which is what a restore through the API waits for. A restart is
 * begun after the request that asked for it has been answered (setImmediate); a second request while
 * one is under way joins it.
 */
export async function serveWithRestarts(env: Env, options: LoopOptions): Promise<ServerLoop> {
  const { onFatal, ...start } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  let running: RunningServer;
  let underway: Promise<void> | undefined;
  let stopped = false;

  const restart = async () => {
    log('[server] restarting: closing everything, then starting again on the same port');
    await running.close();
    if (stopped) return;
    // The port it actually had (PORT=0 picks one at the first start), so the browser finds it again.
    running = await startServer({ ...env, PORT: running.port }, { ...start, requestRestart });
    log('[server] restarted');
  };
  function requestRestart(): void {
    if (underway || stopped) return;
    underway = new Promise<void>((resolve) => setImmediate(resolve))
      .then(restart)
      .catch((error: Error) => {
        log(`[server] the restart failed: ${error.message}`);
        onFatal(error);
      })
      .finally(() => (underway = undefined));
  }

  running = await startServer(env, { ...start, requestRestart });
  return {
    current: () => running,
    settled: async () => {
      await underway;
    },
    stop: async () => {
      await underway;
      stopped = true;
      await running.close();
    },
  };
}
