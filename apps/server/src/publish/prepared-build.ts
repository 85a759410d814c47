import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { buildFromInputs, inputsFingerprint, loadBuildInputs, readBuildRevision, type BuildInputs, type BuildOptions, type ConfigSetResult, type ParsedVersions } from './config-set.js';

/**
 * Builds the configuration set when the stored state changes, so that a publish finds it ready.
 *
 * - `prepare()` (after every change through the API, and at start-up) starts a build in the
 *   background; calls while one runs coalesce into one more build afterwards.
 * - `current()` (the publish) uses the prepared build while the store's build revision is the one
 *   read with that build's inputs (one query). Otherwise it reads the inputs and uses the prepared
 *   build when their fingerprint is the same, else builds now. A publish never uses a build of
 *   other inputs than the store holds, and never waits for a background build.
 * - Parsed flow versions are kept for the life of the process (a published version never changes).
 */
export class PreparedBuilds {
  private readonly parsed: ParsedVersions = new Map();
  /** The last build, the fingerprint of its inputs, and the latest build revision known to have those inputs. */
  private latest: { fingerprint: string; revision: number; result: ConfigSetResult } | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: (line: string) => void = (line) => console.error(line),
    private readonly options: BuildOptions = {},
  ) {}

  /** Starts a background build of the current state (or one more after the running one). */
  prepare(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.buildLatest()
      .catch((error: unknown) => this.log(`[publish] background build failed; the next publish builds itself: ${(error as Error).stack ?? String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.prepare();
        }
      });
  }

  /**
   * The build of the state stored now. It never waits for a background build (that one may be of
   * older inputs); builds are synchronous, so the two never run at once, and whichever comes
   * second finds the other's result by its fingerprint.
   */
  async current(): Promise<ConfigSetResult> {
    if (this.latest && this.latest.revision === (await readBuildRevision(this.db))) return this.latest.result;
    return this.buildOf(await loadBuildInputs(this.db, this.parsed));
  }

  /** No more background builds; resolves when the running one is done (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.again = false;
    await this.running;
  }

  private async buildLatest(): Promise<void> {
    // Let the request that caused the change answer first.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.stopped) return;
    this.buildOf(await loadBuildInputs(this.db, this.parsed));
  }

  /** The build of `inputs`: the last one when its inputs' fingerprint is the same. */
  private buildOf(inputs: BuildInputs): ConfigSetResult {
    const fingerprint = inputsFingerprint(inputs);
    if (this.latest?.fingerprint !== fingerprint) {
      this.latest = { fingerprint, revision: inputs.revision, result: buildFromInputs(inputs, this.parsed, this.options) };
    } else {
      this.latest.revision = inputs.revision;
    }
    return this.latest.result;
  }
}
