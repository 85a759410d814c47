import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where Asterisk's `externpass` command (asterisk/conf/stumpfworks-vmpin) leaves a PIN a caller set
 * in VoiceMailMain's menu: one file per box, named by the box, holding the new PIN. Under the
 * spool, which Asterisk may write and the server shares (compose volume asterisk-spool).
 */
export const PIN_INBOX = 'var/spool/asterisk/stumpfworks-pins';

export interface PinChange {
  box: string;
  pin: string;
}

/**
 * Takes the PINs waiting in `dir` (removing their files): those whose name is a box number and
 * whose content is 4 to 10 digits; a file that is neither is removed and reported, not taken.
 */
export function takePinChanges(dir: string, refused: (file: string) => void): PinChange[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []; // no PIN changed by phone yet
    throw error;
  }
  const changes: PinChange[] = [];
  for (const name of names.filter((n) => !n.startsWith('.')).sort()) {
    const file = join(dir, name);
    const pin = readFileSync(file, 'utf8').trim();
    unlinkSync(file);
    if (/^[1-9][0-9]{1,5}$/.test(name) && /^[0-9]{4,10}$/.test(pin)) changes.push({ box: name, pin });
    else refused(name);
  }
  return changes;
}
