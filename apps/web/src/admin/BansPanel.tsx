import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '../api/client.js';
import { listKey } from '../api/query.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { DataTable } from './DataTable.js';
import { ErrorText } from './outcome.js';

/** How a ban is enforced: Asterisk's ACL, the kernel's drop (nftables). */
type Enforcement = Schema<'BanEnforcement'>;
type Ban = Schema<'Ban'>;

/** The bans are asked for again this often while they show. */
const REFRESH_MS = 5000;

const ENFORCEMENT_NAMES: Record<Enforcement, string> = { kernel: 'Kernel', acl: 'ACL' };

/**
 * The SIP brute-force guard's bans, refreshed every 5 s (TanStack Query's interval), each with a button that lifts it, and how
 * bans are enforced here (the kernel's drop only where the server may set firewall rules).
 */
export function BansPanel() {
  const { t, language } = useI18n();
  const api = useApi();
  const queryClient = useQueryClient();
  const answer = api.query.useQuery('get', '/security/bans', undefined, { refetchInterval: REFRESH_MS });
  const { bans, watching, enforcement = [] } = answer.data ?? {};
  const liftBan = useMutation({
    mutationFn: async (address: string) => void (await api.client.DELETE('/security/bans/{address}', { params: { path: { address } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKey('/security/bans') }),
  });
  const failed = answer.isError ? answer.error : liftBan.isError ? liftBan.error : undefined;
  const error = failed ? reasonOf(failed) : undefined;

  const lift = (address: string) => {
    if (window.confirm(t('banLiftConfirm').replace('{address}', address))) liftBan.mutate(address);
  };
  const when = (iso: string) => new Date(iso).toLocaleString(language);
  /** The enforcements that refuse the ban's address now, kernel first, e.g. "Kernel + ACL". */
  const enforcedBy = (b: Ban) =>
    (['kernel', 'acl'] as const)
      .filter((kind) => b.enforcedBy[kind] !== undefined)
      .map((kind) => ENFORCEMENT_NAMES[kind])
      .join(' + ');

  return (
    <section aria-label={t('bans')}>
      <h3>{t('bans')}</h3>
      <ErrorText error={error} />
      {watching !== undefined && <p className="hint">{t(watching ? 'bansWatching' : 'bansNotWatching')}</p>}
      {enforcement.length > 0 && <p className="hint">{t(enforcement.includes('kernel') ? 'bansEnforcementKernel' : 'bansEnforcementAcl')}</p>}
      <DataTable
        label={t('bans')}
        rows={bans ?? []}
        rowKey={(b) => b.address}
        columns={[
          { key: 'address', label: 'banAddress', value: (b) => b.address },
          { key: 'reason', label: 'banReason', value: (b) => b.reason },
          { key: 'since', label: 'banSince', value: (b) => b.since, render: (b) => when(b.since) },
          { key: 'until', label: 'banUntil', value: (b) => b.until, render: (b) => when(b.until) },
          { key: 'repeat', label: 'banRepeat', value: (b) => b.repeat + 1 },
          { key: 'enforced', label: 'state', value: (b, t) => (b.enforced ? t('banEnforcedBy').replace('{by}', enforcedBy(b)) : t('banPending')) },
        ]}
        actions={(b) => (
          <button type="button" onClick={() => lift(b.address)}>
            {t('banLift')} {b.address}
          </button>
        )}
      />
    </section>
  );
}
