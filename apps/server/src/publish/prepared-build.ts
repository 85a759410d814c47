import type { Kysely } from 'kysely';
import { changeStamp } from '../db/database.js';
import type { Database } from '../db/tables.js';
import { buildFromInputs, inputsFingerprint, loadBuildInputs, type BuildInputs, type BuildOptions, type ConfigSetResult, type ParsedVersions } from './config-set.js';

/**
 * Builds the configuration set when the stored state changes, so that a publish finds it ready.
 *
 * - `prepare()` (after every change through the API, and at start-up) starts a build in the
 *   background; calls while one runs coalesce into one more build afterwards.
 * - `current()` (the publish) uses the prepared build when the store's change stamp is the one
 *   read with that build's inputs (nothing was written since: one query). Otherwise it reads the
 *   inputs (three queries) and uses the prepared build when their fingerprint is the same, else
 *   builds now. A publish never uses a build of other inputs than the store holds, and never
 *   waits for a background build.
 * - Parsed flow versions are kept for the life of the process (a published version never changes).
 */
export class PreparedBuilds {
  private readonly parsed: ParsedVersions = new Map();
  /** The last build, the fingerprint of its inputs, and the change stamp read with them (changeStamp). */
  private latest: { fingerprint: string; stamp: string | undefined; result: ConfigSetResult } | undefined;
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
    const stamp = await changeStamp(this.db);
    if (stamp !== undefined && this.latest?.stamp === stamp) return this.latest.result;
    return this.buildOf(await this.readInputs());
  }

  /**
   * Runs `write` in a transaction: writes that no build reads (a publish's record). The prepared
   * build stays current across them: its change stamp moves along, when it was the store's stamp
   * right before (nothing else was written since that build read its inputs).
   */
  async writeBeside<T>(write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const before = await changeStamp(trx);
      const result = await write(trx);
      if (before !== undefined && this.latest?.stamp === before) this.latest.stamp = await changeStamp(trx);
      return result;
    });
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
    this.buildOf(await this.readInputs());
  }

  /** The inputs, with the change stamp read before them in the same transaction. */
  private readInputs(): Promise<{ stamp: string | undefined; inputs: BuildInputs }> {
    return this.db.transaction().execute(async (trx) => ({ stamp: await changeStamp(trx), inputs: await loadBuildInputs(trx, this.parsed) }));
  }

  /** The build of `inputs`: the last one when its inputs' fingerprint is the same. */
  private buildOf({ stamp, inputs }: { stamp: string | undefined; inputs: BuildInputs }): ConfigSetResult {
    const fingerprint = inputsFingerprint(inputs);
    if (this.latest?.fingerprint !== fingerprint) this.latest = { fingerprint, stamp, result: buildFromInputs(inputs, this.parsed, this.options) };
    else this.latest.stamp = stamp;
    return this.latest.result;
  }
}
