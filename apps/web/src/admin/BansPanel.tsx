import { useCallback, useEffect, useState } from 'react';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { DataTable } from './DataTable.js';

/** How a ban is enforced: Asterisk's ACL, the kernel's drop (nftables). */
type Enforcement = 'acl' | 'kernel';

/** A ban as GET /security/bans lists it (apps/server/src/routes/security). */
interface Ban {
  address: string;
  reason: string;
  since: string;
  until: string;
  failures: number;
  repeat: number;
  enforced: boolean;
  enforcedBy: Partial<Record<Enforcement, string>>;
}

const ENFORCEMENT_NAMES: Record<Enforcement, string> = { kernel: 'Kernel', acl: 'ACL' };

/**
 * The SIP brute-force guard's bans, refreshed every 5 s, each with a button that lifts it, and how
 * bans are enforced here (the kernel's drop only where the server may set firewall rules).
 */
export function BansPanel() {
  const { t, language } = useI18n();
  const api = useApi();
  const [bans, setBans] = useState<Ban[]>();
  const [watching, setWatching] = useState<boolean>();
  const [enforcement, setEnforcement] = useState<Enforcement[]>([]);
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const answer = await api.get<{ watching: boolean; enforcement: Enforcement[]; bans: Ban[] }>('/security/bans');
      setBans(answer.bans);
      setWatching(answer.watching);
      setEnforcement(answer.enforcement);
      setError(undefined);
    } catch (e) {
      setError(reasonOf(e));
    }
  }, [api]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, [refresh]);

  const lift = async (address: string) => {
    if (!window.confirm(t('banLiftConfirm').replace('{address}', address))) return;
    try {
      await api.send('DELETE', `/security/bans/${encodeURIComponent(address)}`);
      await refresh();
    } catch (e) {
      setError(reasonOf(e));
    }
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
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
          <button type="button" onClick={() => void lift(b.address)}>
            {t('banLift')} {b.address}
          </button>
        )}
      />
    </section>
  );
}
