/** Start -> Play (beep) -> Hangup: the smallest flow that shows which engine ran a call. */
export function beepFlow(id: string, number: string, deployment: 'ari' | 'dialplan') {
  return {
    schemaVersion: 1,
    id,
    name: `Beep ${deployment}`,
    deployment,
    nodes: [
      { id: 'start', type: 'Start', params: { number } },
      { id: 'beep', type: 'Play', params: { prompt: { kind: 'sound', name: 'beep' } } },
      { id: 'bye', type: 'Hangup', params: {} },
    ],
    edges: [
      { from: 'start', output: 'next', to: 'beep' },
      { from: 'beep', output: 'next', to: 'bye' },
    ],
  };
}
