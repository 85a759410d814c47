import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../api/useApi.js';
import { useEditorState, useSession } from '../editor/store.js';
import { trafficView, type CanvasTraffic, type TrafficView } from './traffic-view.js';

/** While live is on, the counts are asked again this often (see docs/server.md, the canvas's traffic). */
export const LIVE_MS = 2000;

export const RANGES = { hour: 60, day: 24 * 60, week: 7 * 24 * 60 } as const;
export type TrafficRange = keyof typeof RANGES;

export interface TrafficSettings {
  on: boolean;
  /** undefined: the live version. */
  version: number | undefined;
  range: TrafficRange;
  live: boolean;
}

interface TrafficValue {
  settings: TrafficSettings;
  change(settings: Partial<TrafficSettings>): void;
  /** The counts, when the view is on and they are loaded. */
  view: TrafficView | undefined;
  answer: CanvasTraffic | undefined;
  error: unknown;
}

const TrafficContext = createContext<TrafficValue | null>(null);

/**
 * The canvas's traffic view: its settings and the counts of the open flow. Only a flow the server
 * has is asked for; with live on, the counts are polled every LIVE_MS (and only then).
 */
export function TrafficProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const flowId = useEditorState((s) => s.flow.id);
  const stored = useSession().revision !== null;
  const [settings, setSettings] = useState<TrafficSettings>({ on: false, version: undefined, range: 'hour', live: false });
  // Another flow has other versions: back to its live one.
  useEffect(() => setSettings((s) => (s.version === undefined ? s : { ...s, version: undefined })), [flowId]);
  const query = { minutes: RANGES[settings.range], ...(settings.version !== undefined ? { version: settings.version } : {}) };
  const answer = api.query.useQuery(
    'get',
    '/flows/{id}/traffic/canvas',
    { params: { path: { id: flowId }, query } },
    { enabled: settings.on && stored, refetchInterval: settings.on && settings.live ? LIVE_MS : false },
  );
  const data = settings.on && stored ? answer.data : undefined;
  const view = useMemo(() => (data ? trafficView(data) : undefined), [data]);
  const value = useMemo<TrafficValue>(
    () => ({ settings, change: (next) => setSettings((s) => ({ ...s, ...next })), view, answer: data, error: answer.error }),
    [settings, view, data, answer.error],
  );
  return <TrafficContext.Provider value={value}>{children}</TrafficContext.Provider>;
}

/** The traffic view. Throws outside a TrafficProvider. */
export function useTraffic(): TrafficValue {
  const value = useContext(TrafficContext);
  if (!value) throw new Error('useTraffic() needs a <TrafficProvider> above it');
  return value;
}
