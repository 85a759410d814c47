import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useEditor } from '../editor/store.js';
import { NO_HIGHLIGHT, type Highlight } from '../editor/mapping.js';
import { highlightOf, localNow, runSimulation, type SimulationInput, type SimulationResult } from './session.js';

interface SimulatorValue {
  input: SimulationInput;
  result?: SimulationResult;
  highlight: Highlight;
  /** Why the last token was not taken (it does not fit where the call waits), if it was not. */
  refusal?: string;
  push(token: string): void;
  back(): void;
  restart(): void;
  setTokens(tokens: string[]): void;
  setClock(at: string): void;
  setCallerId(callerId: string): void;
}

const SimulatorContext = createContext<SimulatorValue | null>(null);

export function SimulatorProvider({ children }: { children: ReactNode }) {
  const { checked, state } = useEditor();
  const [input, setInput] = useState<SimulationInput>({ tokens: [], at: localNow(), callerId: '0301234567' });
  const [refusal, setRefusal] = useState<string>();
  const flow = checked.flow;
  // Another flow opened: a new call.
  useEffect(() => {
    setRefusal(undefined);
    setInput((current) => ({ ...current, tokens: [] }));
  }, [state.flow.id]);
  const result = useMemo(() => (flow ? runSimulation(flow, input) : undefined), [flow, input]);
  const highlight = useMemo(() => (flow && result?.ok ? highlightOf(flow, result.transcript) : NO_HIGHLIGHT), [flow, result]);
  const value = useMemo<SimulatorValue>(
    () => ({
      input,
      ...(result ? { result } : {}),
      highlight,
      ...(refusal ? { refusal } : {}),
      push(token) {
        if (!flow) return;
        const next = { ...input, tokens: [...input.tokens, token] };
        const tried = runSimulation(flow, next);
        if (tried.ok) {
          setRefusal(undefined);
          setInput(next);
        } else setRefusal(tried.message);
      },
      back() {
        setRefusal(undefined);
        setInput({ ...input, tokens: input.tokens.slice(0, -1) });
      },
      restart() {
        setRefusal(undefined);
        setInput({ ...input, tokens: [] });
      },
      setTokens(tokens) {
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
    [flow, input, result, highlight, refusal],
  );
  return <SimulatorContext.Provider value={value}>{children}</SimulatorContext.Provider>;
}

/** The simulated call. Throws outside a SimulatorProvider. */
export function useSimulator(): SimulatorValue {
  const value = useContext(SimulatorContext);
  if (!value) throw new Error('useSimulator() needs a <SimulatorProvider> above it');
  return value;
}
