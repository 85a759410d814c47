import { GENERATED_HEADER } from '@stumpfworks/dialplan';
import { familyOf, normaliseAddress } from './addresses.js';

/** The generated file with the bans; the base pjsip.conf includes it (asterisk/conf/pjsip.conf). */
export const BANS_FILE = 'pjsip-bans.conf';
/** The pjsip `type=acl` section res_pjsip_acl checks every request against. */
export const BANS_ACL = 'stumpfworks-bans';
/** The module whose reload reads the file. */
export const BANS_MODULE = 'res_pjsip.so';

/**
 * The bans as a pjsip ACL: one `deny` per address, sorted, so the same bans give the same bytes.
 * No bans: no section at all (an ACL object without rules would let everything through too, but
 * nothing is simpler). Throws on anything that is not an IP address: res_pjsip_acl answers a line
 * it cannot parse by denying ALL SIP traffic ("Blocking ALL SIP traffic").
 */
export function renderBans(addresses: Iterable<string>): string {
  const lines = [...new Set(addresses)].sort().map((address) => {
    if (normaliseAddress(address) !== address) throw new Error(`not a normalised IP address: ${JSON.stringify(address)}`);
    return `deny = ${address}/${familyOf(address) === 'ipv4' ? 32 : 128}`;
  });
  const head = `; ${GENERATED_HEADER}: the addresses the SIP brute-force guard has banned (res_pjsip_acl answers them 403)\n`;
  return lines.length === 0 ? head : `${head}[${BANS_ACL}]\ntype = acl\n${lines.join('\n')}\n`;
}
