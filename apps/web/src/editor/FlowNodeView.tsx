import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { nodeOutputs, nodeTypeDescription } from '@stumpfworks/flow';
import { useI18n } from '../i18n.js';
import type { CanvasNode } from './mapping.js';

/** A flow node on the canvas: its name, its type, its problems, and one handle per named output. */
function FlowNodeBox({ data, selected }: NodeProps<CanvasNode>) {
  const { pick, t } = useI18n();
  const { node, diagnostics, active, visited, unreached, traffic } = data;
  const description = nodeTypeDescription(node.type);
  const outputs = nodeOutputs(node);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const classes = ['flow-node', `cat-${description?.category ?? 'call'}`];
  if (selected) classes.push('selected');
  if (active) classes.push('active');
  else if (visited) classes.push('visited');
  if (unreached) classes.push('unreached');
  if (errors > 0) classes.push('has-errors');
  return (
    <div className={classes.join(' ')} data-node-id={node.id} data-testid={`node-${node.id}`}>
      {node.type !== 'Start' && <Handle type="target" id="in" position={Position.Left} className="handle-in" />}
      <div className="flow-node-head">
        <span className="flow-node-type">{description ? pick(description.label) : node.type}</span>
        {node.label && <span className="flow-node-label">{node.label}</span>}
        <span className="flow-node-id">{node.id}</span>
      </div>
      {traffic && (
        <div
          className="flow-node-traffic"
          data-testid={`traffic-${node.id}`}
          data-visits={traffic.visits}
          data-calls={traffic.calls}
          data-ended={traffic.ended}
          data-active={traffic.active}
        >
          <span title={`${traffic.visits} ${t('trafficVisits')}`}>{traffic.calls} {t(traffic.calls === 1 ? 'trafficCall' : 'trafficCalls')}</span>
          {traffic.ended > 0 && <span className="traffic-ended">⤓ {traffic.ended} {t(traffic.ended === 1 ? 'trafficEndedOne' : 'trafficEnded')}</span>}
          {traffic.active > 0 && <span className="traffic-active">● {traffic.active} {t('trafficNow')}</span>}
        </div>
      )}
      {diagnostics.length > 0 && (
        <ul className="flow-node-problems">
          {diagnostics.slice(0, 3).map((d, i) => (
            <li key={i} className={d.severity}>
              {pick(d.message)}
            </li>
          ))}
          {diagnostics.length > 3 && <li>…</li>}
        </ul>
      )}
      <div className="flow-node-outputs">
        {outputs.map((o) => (
          <div key={o.name} className="flow-node-output" data-output={o.name}>
            <span>{pick(o.label)}</span>
            <Handle type="source" id={o.name} position={Position.Right} className="handle-out" aria-label={pick(o.label)} />
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The node box renders again only when what it shows changes: moving a node (or laying out all of
 * them) changes React Flow's position props, which the box does not use.
 */
export const FlowNodeView = memo(FlowNodeBox, (a, b) => a.data === b.data && a.selected === b.selected);
