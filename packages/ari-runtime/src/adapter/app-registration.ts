/**
 * Whether Asterisk has a Stasis app registered to our event socket, as far as we can know it.
 *
 * An open socket alone says little: when a second process opens a socket for the same app,
 * Asterisk sends `ApplicationReplaced` on ours and from then on delivers the app's events (and
 * its calls) to the other socket; ours stays open and answers pings. When the other socket closes,
 * Asterisk unregisters the app, and `Stasis(app)` fails ("Stasis app '…' doesn't exist") while our
 * socket still looks connected. So the state comes from three inputs: our socket, the
 * ApplicationReplaced event, and a periodic `GET /applications`.
 *
 * - `connecting`: our event socket is not open (ari-client and the supervisor are reconnecting).
 * - `registered`: our socket is open and the last check (if any since it opened) listed the app.
 * - `replaced`: another socket took the app over; we wait until Asterisk no longer lists it and
 *   then register it again (taking it back at once would fight a second server for ever).
 * - `missing`: our socket is open but Asterisk does not list the app; it is being registered again.
 *
 * Pure: no timers, no I/O; AriConnection feeds it and acts on what `checked` returns.
 */
export type RegistrationState = 'connecting' | 'registered' | 'replaced' | 'missing';

export interface RegistrationStatus {
  app: string;
  state: RegistrationState;
  /** When `state` began (ISO 8601). */
  since: string;
  /** The last `GET /applications` that answered (ISO 8601), if any. */
  checkedAt?: string;
  /** Why the last check failed (no answer in time, refused), cleared by the next answer. */
  checkError?: string;
}

/** What the caller must do after a check. */
export type CheckDecision = 'register-again' | 'nothing';

export class AppRegistration {
  private current: RegistrationStatus;
  /** Counts the socket and takeover changes, so a check that began before one is ignored. */
  private epoch = 0;

  constructor(
    readonly app: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.current = { app, state: 'connecting', since: this.now().toISOString() };
  }

  get status(): RegistrationStatus {
    return { ...this.current };
  }

  /** Our event socket opened: Asterisk registered the app to it (and took it from any other socket). */
  socketOpened(): void {
    this.move('registered');
  }

  socketClosed(): void {
    this.move('connecting');
  }

  /** `ApplicationReplaced` for this app arrived on our socket. */
  replaced(): void {
    if (this.current.state !== 'connecting') this.move('replaced');
  }

  /** Call when a check starts; pass the token to `checked`/`checkFailed`. */
  beginCheck(): number {
    return this.epoch;
  }

  /** `GET /applications` answered; `listed`: whether our app is among them. */
  checked(token: number, listed: boolean): CheckDecision {
    if (token !== this.epoch) return 'nothing'; // the socket or the owner changed meanwhile: the answer is stale
    const at = this.now().toISOString();
    this.current = { ...this.current, checkedAt: at };
    delete this.current.checkError;
    const { state } = this.current;
    if (listed || state === 'connecting' || state === 'missing') return 'nothing';
    // registered but not listed (unregistered under us), or replaced and the other one has gone.
    this.move('missing');
    return 'register-again';
  }

  checkFailed(token: number, reason: string): void {
    if (token !== this.epoch) return;
    this.current = { ...this.current, checkError: reason };
  }

  private move(state: RegistrationState): void {
    this.epoch++;
    if (this.current.state === state) return;
    const { checkedAt } = this.current;
    this.current = { app: this.app, state, since: this.now().toISOString(), ...(checkedAt ? { checkedAt } : {}) };
  }
}
