/**
 * Start -> Menu (keys 1 and 2, timeout) -> Play or Hangup: the smallest flow whose traffic has
 * keys, a branch and drop-off. Key 1 plays a beep and hangs up at `bye1`, key 2 hangs up at
 * `bye2`, a timeout at `late`. A caller who hangs up in the menu ends at `menu`.
 */
export function menuFlow(id: string, number: string, deployment: 'ari' | 'dialplan' = 'dialplan') {
  return {
    schemaVersion: 1,
    id,
    name: `Menu ${id}`,
    deployment,
    nodes: [
      { id: 'start', type: 'Start', params: { number }, position: { x: 0, y: 0 } },
      { id: 'menu', type: 'Menu', params: { prompt: { kind: 'sound', name: 'beep' }, timeoutSeconds: 20, maxAttempts: 1 }, position: { x: 0, y: 140 } },
      { id: 'beep', type: 'Play', params: { prompt: { kind: 'sound', name: 'beep' } }, position: { x: -220, y: 300 } },
      { id: 'bye1', type: 'Hangup', params: {}, position: { x: -220, y: 440 } },
      { id: 'bye2', type: 'Hangup', params: {}, position: { x: 0, y: 440 } },
      { id: 'late', type: 'Hangup', params: {}, position: { x: 220, y: 440 } },
    ],
    edges: [
      { from: 'start', output: 'next', to: 'menu' },
      { from: 'menu', output: '1', to: 'beep' },
      { from: 'beep', output: 'next', to: 'bye1' },
      { from: 'menu', output: '2', to: 'bye2' },
      { from: 'menu', output: 'timeout', to: 'late' },
      { from: 'menu', output: 'invalid', to: 'late' },
    ],
  };
}
