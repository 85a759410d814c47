import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.js';
import type { ReloadGate } from '../asterisk/reload-gate.js';
import type { Database } from '../db/tables.js';
import type { ConfFiles } from '../publish/conf-files.js';
import { storeMailboxPin, withLivePin } from './mailbox-pin.js';
import { takePinChanges } from './pin-inbox.js';

export interface MailboxPinsDeps {
  db: Kysely<Database>;
  /** The generated files: the live voicemail.conf. */
  files: ConfFiles;
  /** Publishes and reloads take turns (reload-gate.ts): the PIN's write into voicemail.conf is one of them. */
  gate: ReloadGate;
  /** Reloads app_voicemail (ARI), so a PIN set through the API holds at once. */
  reloadVoicemail: () => Promise<void>;
  /** The directory of PINs set by phone (pin-inbox.ts), as the server sees it. */
  inbox: string;
  audit: AuditLog;
  /** After a PIN was stored: the server prepares the next publish's build. */
  onChange: () => void;
  log: (line: string) => void;
  /** How often the inbox is looked at (ms); a caller who just changed the PIN is told by Asterisk already. */
  everyMs?: number;
}

/** PINs set outside a publish: through the API (`set`) and by phone (the inbox, taken every few seconds). */
export class MailboxPins {
  private timer: NodeJS.Timeout | undefined;
  private taking: Promise<void> = Promise.resolve();

  constructor(private readonly deps: MailboxPinsDeps) {}

  /**
   * Stores the PIN of `box` and writes it into the live voicemail.conf; with `reload`, app_voicemail
   * reads it now (a phone's change is in Asterisk's memory already). `stored` is false when `box`
   * has no box; `live` false when voicemail.conf has no line for it yet (the next publish writes it).
   */
  async set(box: string, pin: string, reload: boolean): Promise<{ stored: boolean; live: boolean }> {
    if (!(await storeMailboxPin(this.deps.db, box, pin))) return { stored: false, live: false };
    this.deps.onChange();
    const live = await this.deps.gate.run(async () => {
      const text = withLivePin(this.deps.files.read('voicemail.conf'), box, pin);
      if (text === undefined) return false;
      await this.deps.files.write('voicemail.conf', text);
      if (reload) await this.deps.reloadVoicemail();
      return true;
    });
    return { stored: true, live };
  }

  start(): void {
    this.timer = setInterval(() => void this.takeInbox(), this.deps.everyMs ?? 2000);
    void this.takeInbox();
  }

  /** Takes the PINs set by phone now (also what the timer does); resolves when they are stored. */
  takeInbox(): Promise<void> {
    this.taking = this.taking.then(() => this.storeInbox()).catch((error: Error) => this.deps.log(`[voicemail] taking the PINs set by phone failed: ${error.message}`));
    return this.taking;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.taking;
  }

  private async storeInbox(): Promise<void> {
    const refused = (file: string) => this.deps.log(`[voicemail] ignored ${file} in the PIN inbox: not <box> holding 4 to 10 digits`);
    for (const { box, pin } of takePinChanges(this.deps.inbox, refused)) {
      const { stored } = await this.set(box, pin, false);
      await this.deps.audit.append({
        actor: { kind: 'system', name: 'phone' },
        action: 'voicemail.pin',
        resource: { type: 'mailbox', id: box },
        after: { changedBy: 'phone', stored },
      });
      if (!stored) this.deps.log(`[voicemail] a PIN was set by phone for ${box}, which is no box any more: not stored`);
    }
  }
}
