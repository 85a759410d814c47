import type { Publisher } from '../publish/publisher.js';

/**
 * One change of Asterisk's configuration at a time in this process: a publish (from its first
 * write to its last check or rollback) and the ban guard's ACL reload take turns. Asterisk refuses
 * a module reload while another one runs (ARI 409, which would fail a publish), and a reload of
 * res_pjsip in the middle of a publish would put the publish's new pjsip.conf live before the
 * publish reloads and checks it.
 */
export class ReloadGate {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` once everything asked for earlier has settled; its result or error is the caller's. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}

/** The publisher with its publishes run through `gate` (the preview writes and reloads nothing, so it does not wait). */
export function gatedPublisher(publisher: Publisher, gate: ReloadGate): Publisher {
  return {
    publish: (actor) => gate.run(() => publisher.publish(actor)),
    publishChange: (actor, change) => gate.run(() => publisher.publishChange(actor, change)),
    preview: (drafts) => publisher.preview(drafts),
  };
}
