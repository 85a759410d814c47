import { parseFlow, type Flow } from '@stumpfworks/flow';

/**
 * A valid flow of exactly `nodeCount` nodes (at least 10): a tree of menus whose keys lead to
 * sub-menus or to a Dial that falls back to a Voicemail. Menus allow one attempt, so path counts
 * grow with the tree, not with retries.
 */
export function generateFlow(nodeCount: number, id = `generated-${nodeCount}`): Flow {
  if (nodeCount < 10) throw new Error('generateFlow needs at least 10 nodes');
  const menus = Math.max(1, Math.round(nodeCount / 10));
  const leaves = Math.floor((nodeCount - 2 - menus) / 2);
  const extra = nodeCount - 2 - menus - 2 * leaves; // 0 or 1: a Play node in front of the root menu
  const nodes: object[] = [{ id: 'start', type: 'Start', params: { number: '7000' } }, { id: 'bye', type: 'Hangup', params: {} }];
  const edges: object[] = [];
  const prompt = (text: string) => ({ kind: 'tts', text: { de: text, en: text } });
  if (extra === 1) {
    nodes.push({ id: 'hello', type: 'Play', params: { prompt: prompt('Hallo') } });
    edges.push({ from: 'start', output: 'next', to: 'hello' }, { from: 'hello', output: 'next', to: 'm0' });
  } else {
    edges.push({ from: 'start', output: 'next', to: 'm0' });
  }
  const children = new Map<number, number>();
  const attach = (parent: number, to: string) => {
    const used = children.get(parent) ?? 0;
    children.set(parent, used + 1);
    edges.push({ from: `m${parent}`, output: String(used + 1), to });
  };
  for (let m = 0; m < menus; m++) {
    nodes.push({ id: `m${m}`, type: 'Menu', params: { prompt: prompt(`Menü ${m}`), maxAttempts: 1 } });
    edges.push({ from: `m${m}`, output: 'timeout', to: 'bye' }, { from: `m${m}`, output: 'invalid', to: 'bye' });
    if (m > 0) attach(Math.floor((m - 1) / 3), `m${m}`);
  }
  for (let l = 0; l < leaves; l++) {
    const parent = [...Array(menus).keys()].reduce((best, m) => ((children.get(m) ?? 0) < (children.get(best) ?? 0) ? m : best), 0);
    if ((children.get(parent) ?? 0) >= 9) throw new Error(`too many leaves for ${menus} menus`);
    nodes.push({ id: `d${l}`, type: 'Dial', params: { targets: [String(1000 + (l % 100))], ringSeconds: 20 } });
    nodes.push({ id: `v${l}`, type: 'Voicemail', params: { mailbox: String(1000 + (l % 100)) } });
    edges.push({ from: `d${l}`, output: 'noAnswer', to: `v${l}` });
    attach(parent, `d${l}`);
  }
  const result = parseFlow({ schemaVersion: 1, id, name: `Generated ${nodeCount}`, nodes, edges });
  if (!result.ok) throw new Error(`generated flow is invalid: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.flow;
}
