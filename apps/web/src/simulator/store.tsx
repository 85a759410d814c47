import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { I18nText } from '@stumpfworks/flow';
import { useLocation } from 'react-router';
import { callPathHighlight, callPathOf } from '../history/call-path.js';
import { useChecked, useEditorState } from '../editor/store.js';
import { edgeId, NO_HIGHLIGHT, type Highlight } from '../editor/mapping.js';
import { allPathsInWorker } from './all-paths.js';
import { behaviourKey, coverageOf, mergePaths, triedPath, type Coverage, type TriedPath } from './coverage.js';
import { simulatorZone, wallNow } from './clock.js';
import { highlightOf, runSimulation, type SimulationInput, type SimulationResult } from './session.js';
import { useSubFlows } from './sub-flows.js';

/** The paths tried in this session of the flow, and what they cover. */
export interface CoverageState {
  /** Ended calls by hand, then the paths of "try all paths" (newest run last). */
  tried: TriedPath[];
  coverage: Coverage;
  /** Shown, and the unreached nodes and edges marked on the canvas. */
  open: boolean;
  setOpen(open: boolean): void;
  /** "Try all paths" is running, or what its last run said. */
  allPaths?: { running: true } | { running: false; count: number; truncated: number; at: string; zone: string } | { running: false; error: string };
  tryAll(): void;
  clear(): void;
}

interface SimulatorValue {
  input: SimulationInput;
  /** The time zone the clock (`input.at`) is read in: the flow's (simulatorZone). */
  zone: string;
  result?: SimulationResult;
  highlight: Highlight;
  /** Why the last token was not taken (it does not fit where the call waits), if it was not. */
  refusal?: I18nText;
  coverage: CoverageState;
  push(token: string): void;
  back(): void;
  restart(): void;
  setTokens(tokens: string[]): void;
  setClock(at: string): void;
  setCallerId(callerId: string): void;
}

const SimulatorContext = createContext<SimulatorValue | null>(null);

export function SimulatorProvider({ children }: { children: ReactNode }) {
  const checked = useChecked();
  const draft = useEditorState((s) => s.flow);
  const flow = checked.flow;
  const subFlows = useSubFlows(flow);
  const zone = simulatorZone(flow, subFlows);
  // Now, on the flow's clock; a later change of zone keeps the wall-clock time the admin reads.
  const [input, setInput] = useState<SimulationInput>(() => ({ tokens: [], at: wallNow(simulatorZone(flow)), callerId: '0301234567' }));
  const [refusal, setRefusal] = useState<I18nText>();
  // Another flow opened: a new call.
  useEffect(() => {
    setRefusal(undefined);
    setInput((current) => ({ ...current, tokens: [] }));
  }, [draft.id]);
  const result = useMemo(() => (flow ? runSimulation(flow, input, subFlows) : undefined), [flow, input, subFlows]);

  // Coverage: every call tried on this flow's behaviour (moving nodes keeps it, editing starts afresh).
  const [tried, setTried] = useState<TriedPath[]>([]);
  const [coverageOpen, setCoverageOpen] = useState(false);
  const [allPaths, setAllPaths] = useState<CoverageState['allPaths']>();
  const behaviour = flow ? behaviourKey(flow) : '';
  const latestBehaviour = useRef(behaviour);
  latestBehaviour.current = behaviour;
  useEffect(() => {
    setTried([]);
    setAllPaths(undefined);
  }, [behaviour]);
  const current = useMemo(() => (flow && result?.ok ? triedPath(flow, input.tokens, result.transcript, input.at, 'caller') : undefined), [flow, result, input]);
  useEffect(() => {
    if (current?.end) setTried((paths) => mergePaths(paths, [current]));
  }, [current]);
  const coverage = useMemo(() => coverageOf(draft, current && !current.end ? [...tried, current] : tried), [draft, tried, current]);

  // A call of the history (`?path=` in the URL, history/call-path.ts) is lit until the simulator is used.
  const { search } = useLocation();
  const recorded = useMemo(() => callPathOf(search), [search]);
  const [showRecorded, setShowRecorded] = useState(true);
  useEffect(() => setShowRecorded(true), [search]);
  const highlight = useMemo(() => {
    if (recorded && showRecorded) return callPathHighlight(draft, recorded);
    const call = flow && result?.ok && current ? highlightOf(flow, result.transcript, current.edges) : NO_HIGHLIGHT;
    if (!coverageOpen) return call;
    return { ...call, unreachedNodes: new Set(coverage.nodes.unreached), unreachedEdges: new Set(coverage.edges.unreached.map(edgeId)) };
  }, [flow, result, current, coverageOpen, coverage, draft, recorded, showRecorded]);
  const coverageState = useMemo<CoverageState>(
    () => ({
      tried,
      coverage,
      open: coverageOpen,
      setOpen: setCoverageOpen,
      ...(allPaths ? { allPaths } : {}),
      tryAll() {
        if (!flow) return;
        const at = input.at;
        const key = behaviour;
        setAllPaths({ running: true });
        allPathsInWorker(flow, at, input.callerId, subFlows).then(
          ({ paths, truncated }) => {
            if (latestBehaviour.current !== key) return; // the flow was edited meanwhile
            setTried((before) => mergePaths(before, paths));
            setAllPaths({ running: false, count: paths.length, truncated, at, zone });
          },
          (error: Error) => setAllPaths({ running: false, error: error.message }),
        );
      },
      clear() {
        setTried([]);
        setAllPaths(undefined);
      },
    }),
    [tried, coverage, coverageOpen, allPaths, flow, subFlows, zone, input, behaviour],
  );
  const value = useMemo<SimulatorValue>(
    () => ({
      input,
      zone,
      ...(result ? { result } : {}),
      highlight,
      ...(refusal ? { refusal } : {}),
      coverage: coverageState,
      push(token) {
        if (!flow) return;
        setShowRecorded(false);
        const next = { ...input, tokens: [...input.tokens, token] };
        const tried = runSimulation(flow, next, subFlows);
        if (tried.ok) {
          setRefusal(undefined);
          setInput(next);
        } else setRefusal(tried.message);
      },
      back() {
        setShowRecorded(false);
        setRefusal(undefined);
        setInput({ ...input, tokens: input.tokens.slice(0, -1) });
      },
      restart() {
        setShowRecorded(false);
        setRefusal(undefined);
        setInput({ ...input, tokens: [] });
      },
      setTokens(tokens) {
        setShowRecorded(false);
        setRefusal(undefined);
        setInput({ ...input, tokens });
      },
      setClock(at) {
        setInput({ ...input, at });
      },
      setCallerId(callerId) {
        setInput({ ...input, callerId });
      },
    }),
    [flow, subFlows, zone, input, result, highlight, refusal, coverageState],
  );
  return <SimulatorContext.Provider value={value}>{children}</SimulatorContext.Provider>;
}

/** The simulated call. Throws outside a SimulatorProvider. */
export function useSimulator(): SimulatorValue {
  const value = useContext(SimulatorContext);
  if (!value) throw new Error('useSimulator() needs a <SimulatorProvider> above it');
  return value;
}
