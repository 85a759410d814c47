import type { z } from 'zod';

/** A text in both UI languages. */
export interface I18nText {
  de: string;
  en: string;
}

/** One named output of a node: the handle an edge leaves from. */
export interface OutputDescription {
  name: string;
  label: I18nText;
  /** A required output must be connected; validation reports it otherwise. */
  required: boolean;
  /** What happens when an optional output is left unconnected: the call ends, or another output is taken. */
  whenUnconnected?: 'hangup' | { output: string };
}

export type NodeCategory = 'call' | 'prompt' | 'logic' | 'destination';

/**
 * One description object per node type. The palette, the inspector, the editor's handles,
 * validation, the engine and the compilers all read it.
 */
export interface NodeTypeDescription<TType extends string = string, TParams extends z.ZodType = z.ZodType> {
  type: TType;
  /** Bumped when the meaning of the params changes; old versions are migrated by a tested function. */
  version: number;
  category: NodeCategory;
  label: I18nText;
  description: I18nText;
  params: TParams;
  /** Labels for each param, by key, for the inspector form. */
  paramLabels: Record<string, I18nText>;
  /** The outputs a node with these params has. */
  outputs(params: z.infer<TParams>): OutputDescription[];
  /** True when the node waits for the caller (digits or a PIN): loops through it are not endless. */
  readsCallerInput(params: z.infer<TParams>): boolean;
}

export function defineNodeType<TType extends string, TParams extends z.ZodType>(
  description: NodeTypeDescription<TType, TParams>,
): NodeTypeDescription<TType, TParams> {
  return description;
}

export const out = {
  next: { name: 'next', label: { de: 'Weiter', en: 'Next' }, required: true } satisfies OutputDescription,
};
