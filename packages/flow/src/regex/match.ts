import type { CharRange, RegexNode } from './ast.js';

/**
 * A parsed pattern as a Thompson automaton. It answers whether the whole value matches in time
 * proportional to the value's length times the pattern's size, whatever the pattern: a caller's
 * value can never make it backtrack for minutes (as `(a*)*b` can make a RegExp). Its answers are
 * those of JavaScript's RegExp and of POSIX ERE, which agree on the subset (regex tests and
 * tests/asterisk/condition.test.ts compare them).
 */
export class RegexMatcher {
  private readonly states: State[] = [];
  private readonly entry: number;

  constructor(ast: RegexNode) {
    const accept = this.add({ kind: 'accept' });
    this.entry = this.build(ast, accept);
  }

  /** True when the pattern matches the whole value (as `^(?:pattern)$`). */
  matchesWhole(value: string): boolean {
    let current = this.closure([this.entry], 0, value.length);
    for (let at = 0; at < value.length && current.length > 0; at++) {
      const char = value[at]!;
      const next: number[] = [];
      for (const index of current) {
        const state = this.states[index]!;
        if (state.kind === 'char' && state.accepts(char)) next.push(state.next);
      }
      current = this.closure(next, at + 1, value.length);
    }
    return current.some((index) => this.states[index]!.kind === 'accept');
  }

  /**
   * A value of exactly `length` characters of `alphabet` that the pattern matches whole, or
   * undefined when there is none (the earliest in the alphabet's order). A breadth-first walk over
   * the automaton's sets of states, one per distinct set and position, at most SAMPLE_SETS of them
   * per position: bounded by the pattern's size, never by the alphabet to the power of the length.
   */
  sample(alphabet: string, length: number): string | undefined {
    const first = this.closure([this.entry], 0, length);
    let frontier = new Map([[first.join(), { states: first, value: '' }]]);
    for (let at = 0; at < length && frontier.size > 0; at++) {
      const next = new Map<string, { states: number[]; value: string }>();
      for (const { states, value } of frontier.values()) {
        for (const char of alphabet) {
          const moved = states.flatMap((index) => {
            const state = this.states[index]!;
            return state.kind === 'char' && state.accepts(char) ? [state.next] : [];
          });
          if (moved.length === 0) continue;
          const closed = this.closure(moved, at + 1, length).sort((a, b) => a - b);
          const key = closed.join();
          if (!next.has(key) && next.size < SAMPLE_SETS) next.set(key, { states: closed, value: value + char });
        }
      }
      frontier = next;
    }
    for (const { states, value } of frontier.values()) if (states.some((index) => this.states[index]!.kind === 'accept')) return value;
    return undefined;
  }

  /** Every state reachable without reading a character at position `at`; anchors are checked there. */
  private closure(start: number[], at: number, length: number): number[] {
    const seen = new Set<number>();
    const result: number[] = [];
    const stack = [...start];
    while (stack.length > 0) {
      const index = stack.pop()!;
      if (seen.has(index)) continue;
      seen.add(index);
      const state = this.states[index]!;
      if (state.kind === 'split') stack.push(...state.next);
      else if (state.kind === 'assert') {
        if (state.at === 'start' ? at === 0 : at === length) stack.push(state.next);
      } else result.push(index);
    }
    return result;
  }

  private add(state: State): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  /** The entry state of `node` followed by the state `next`. */
  private build(node: RegexNode, next: number): number {
    switch (node.kind) {
      case 'char':
        return this.add({ kind: 'char', accepts: (c) => c === node.char, next });
      case 'any':
        return this.add({ kind: 'char', accepts: () => true, next });
      case 'set':
        return this.add({ kind: 'char', accepts: (c) => inRanges(node.ranges, c) !== node.negated, next });
      case 'start':
      case 'end':
        return this.add({ kind: 'assert', at: node.kind, next });
      case 'group':
        return this.build(node.body, next);
      case 'sequence':
        return node.items.reduceRight((after, item) => this.build(item, after), next);
      case 'alternation':
        return this.add({ kind: 'split', next: node.options.map((option) => this.build(option, next)) });
      case 'repeat':
        return this.repeat(node, next);
    }
  }

  /** `body{min,max}`: `min` copies, then either a loop (no maximum) or `max - min` nested optional copies. */
  private repeat(node: Extract<RegexNode, { kind: 'repeat' }>, next: number): number {
    let tail: number;
    if (node.max === undefined) {
      const loop = this.add({ kind: 'split', next: [] });
      (this.states[loop] as SplitState).next = [this.build(node.body, loop), next];
      tail = loop;
    } else {
      tail = next;
      for (let i = node.min; i < node.max; i++) tail = this.add({ kind: 'split', next: [this.build(node.body, tail), next] });
    }
    for (let i = 0; i < node.min; i++) tail = this.build(node.body, tail);
    return tail;
  }
}

/** The most sets of states `sample` keeps per position. */
const SAMPLE_SETS = 1000;

type SplitState = { kind: 'split'; next: number[] };
type State =
  | { kind: 'char'; accepts: (char: string) => boolean; next: number }
  | SplitState
  | { kind: 'assert'; at: 'start' | 'end'; next: number }
  | { kind: 'accept' };

function inRanges(ranges: CharRange[], char: string): boolean {
  return ranges.some((range) => range.from <= char && char <= range.to);
}
