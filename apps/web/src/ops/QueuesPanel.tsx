import { useAllowed } from '../api/session.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { DataTable } from '../admin/DataTable.js';
import { useI18n } from '../i18n.js';

/** The queues are asked for again this often while the dashboard shows. */
const REFRESH_MS = 5000;

/**
 * The dashboard's queues (GET /queue-status, live from Asterisk): callers waiting, the longest
 * wait, members in a call. An operator gets only the queues an admin assigned to them.
 */
export function QueuesPanel() {
  const { t } = useI18n();
  const api = useApi();
  const editor = useAllowed('editor'); // editors and admins see every queue; an operator their own
  const answer = api.query.useQuery('get', '/queue-status', undefined, { refetchInterval: REFRESH_MS });
  const queues = answer.data ?? [];
  return (
    <section aria-label={t('queuesLive')}>
      <h3>{t('queuesLive')}</h3>
      {/* Not an alert of its own: without Asterisk the dashboard's alert above says the same (503). */}
      {answer.isError && <p className="error">{reasonOf(answer.error)}</p>}
      {answer.isSuccess && queues.length === 0 && !editor && <p className="hint">{t('queueNoneGiven')}</p>}
      <DataTable
        label={t('queuesLive')}
        rows={queues}
        rowKey={(q) => q.id}
        columns={[
          { key: 'id', label: 'fieldId', value: (q) => q.id },
          { key: 'waiting', label: 'queueWaiting', value: (q) => q.waiting.length },
          { key: 'longest', label: 'queueLongestWait', value: (q) => Math.max(0, ...q.waiting.map((w) => w.waitSeconds)) },
          { key: 'callers', label: 'callCaller', value: (q) => q.waiting.map((w) => `${w.callerName} ${w.callerNumber}`.trim()).join(', ') },
          { key: 'members', label: 'queueMembersLive', value: (q) => `${q.members.length} (${q.members.filter((m) => m.inCall).length})` },
        ]}
      />
    </section>
  );
}
