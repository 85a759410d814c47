import { useState } from 'react';
import { useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';
import { DataTable } from '../admin/DataTable.js';
import { OutcomeText, useRun } from '../admin/outcome.js';
import { formatDuration, type LiveCall } from './live-state.js';
import { useNow } from './useLiveMonitor.js';

const STATE_TEXT: Record<LiveCall['state'], TextKey> = { ringing: 'liveRinging', up: 'liveUp', queue: 'liveQueue', ivr: 'liveIvr', hold: 'liveHold' };

/** A party as `name number`, as plain text (React escapes it). */
const party = (p: { name: string; number: string }) => `${p.name} ${p.number}`.trim();

/** A transfer target as the API takes it: digits only (the server checks it again). */
const DIGITS = /^[0-9]{1,32}$/;

/** The live calls: parties, state, current flow node, a duration that ticks here, hang-up and blind transfer. */
export function LiveCallsPanel({ calls, skewMs }: { calls: LiveCall[]; skewMs: number }) {
  const { t } = useI18n();
  const api = useApi();
  const now = useNow() + skewMs;
  const { busy, outcome, run } = useRun();
  const [targets, setTargets] = useState<Record<string, string>>({});

  const hangUp = (call: LiveCall) => {
    if (!window.confirm(t('liveHangupConfirm').replace('{caller}', party(call.caller) || call.channelName))) return;
    void run(async () => {
      await api.client.POST('/calls/{channel}/hangup', { params: { path: { channel: call.channel } } });
      return t('liveHungUp');
    });
  };
  const transfer = (call: LiveCall) => {
    const to = (targets[call.id] ?? '').trim();
    void run(async () => {
      await api.client.POST('/calls/{channel}/transfer', { params: { path: { channel: call.channel } }, body: { to } });
      setTargets(({ [call.id]: _done, ...rest }) => rest);
      return t('liveTransferred').replace('{to}', to);
    });
  };

  return (
    <>
      <OutcomeText outcome={outcome} />
      <DataTable
        label={t('liveCalls')}
        rows={calls}
        rowKey={(c) => c.id}
        initialSort={{ key: 'duration', dir: -1 }}
        columns={[
          { key: 'caller', label: 'callCaller', value: (c) => party(c.caller) },
          { key: 'other', label: 'callConnected', value: (c) => party(c.other) },
          { key: 'state', label: 'state', value: (c, t) => (c.queue ? `${t(STATE_TEXT[c.state])} (${c.queue})` : t(STATE_TEXT[c.state])) },
          { key: 'node', label: 'liveNode', value: (c) => (c.node ? `${c.node.flowId} › ${c.node.nodeId}` : '') },
          { key: 'duration', label: 'liveDuration', value: (c) => now - c.startedAt, render: (c) => formatDuration(now - c.startedAt) },
        ]}
        actions={(c) => {
          const to = targets[c.id] ?? '';
          return (
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                transfer(c);
              }}
            >
              <input
                aria-label={t('liveTransferTo')}
                placeholder={t('liveTransferTo')}
                inputMode="numeric"
                size={8}
                maxLength={32}
                value={to}
                onChange={(e) => setTargets((all) => ({ ...all, [c.id]: e.target.value.replace(/[^0-9]/g, '') }))}
              />
              <button type="submit" disabled={busy || !DIGITS.test(to)}>
                {t('liveTransfer')}
              </button>
              <button type="button" disabled={busy} onClick={() => hangUp(c)}>
                {t('liveHangup')}
              </button>
            </form>
          );
        }}
      />
    </>
  );
}
