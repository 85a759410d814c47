import { amiRunner, type AmiOptions, type AmiRunner } from '../asterisk/ami.js';

/** A registered contact as AMI PJSIPShowContacts lists it. */
export interface LiveContact {
  endpoint: string;
  /** The Call-ID of the REGISTER that made or last refreshed it (phones keep it across refreshes). */
  callId: string;
  /** When it expires, in milliseconds since the epoch. */
  expires: number;
}

/** Every contact Asterisk holds (AMI `PJSIPShowContacts`: one `ContactList` event each). */
export async function liveContacts(ami: AmiOptions | AmiRunner): Promise<LiveContact[]> {
  const packets = await amiRunner(ami)({ Action: 'PJSIPShowContacts' });
  return packets
    .filter((p) => p.Event === 'ContactList' && p.Endpoint && p.CallId)
    .map((p) => ({ endpoint: p.Endpoint!, callId: p.CallId!, expires: Number(p.ExpirationTime ?? 0) * 1000 }));
}
