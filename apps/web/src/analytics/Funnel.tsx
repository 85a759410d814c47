import type { components } from '../api/schema.gen.js';
import { useI18n } from '../i18n.js';
import { count } from './format.js';

export type FunnelData = components['schemas']['Analytics']['funnels'][number];

/**
 * One flow version's funnel: each node with the calls that reached it as a bar (its share of the
 * flow's calls), the callers who hung up there, and the keys that led callers to it.
 */
export function Funnel({ funnel }: { funnel: FunnelData }) {
  const { t, language } = useI18n();
  const title = t('anFunnelCalls').replace('{flow}', funnel.flowId).replace('{version}', String(funnel.flowVersion)).replace('{calls}', count(funnel.calls, language));
  return (
    <table className="analytics-funnel" aria-label={title} data-flow={funnel.flowId} data-version={funnel.flowVersion}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{t('anNode')}</th>
          <th>{t('anReached')}</th>
          <th>{t('anHungUp')}</th>
          <th>{t('anKeys')}</th>
        </tr>
      </thead>
      <tbody>
        {funnel.nodes.map((node) => (
          <tr key={node.nodeId} data-node={node.nodeId}>
            <th scope="row">{node.nodeId}</th>
            <td className="analytics-funnel-bar">
              <span style={{ width: `${funnel.calls === 0 ? 0 : (100 * node.reached) / funnel.calls}%` }} />
              <em>{count(node.reached, language)}</em>
            </td>
            <td>{count(node.hungUp, language)}</td>
            <td>{node.keys.map((key) => `${key.digits} (${key.calls})`).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
