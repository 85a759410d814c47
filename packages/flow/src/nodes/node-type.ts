import type { z } from 'zod';
import type { NodeDiagnosticCode, Severity } from '../diagnostics.js';

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
  /** Reported for this required output when it is unconnected, instead of `unconnected-output` (a menu asks what happens on a timeout). */
  whenMissing?: { code: NodeDiagnosticCode; message: I18nText };
  /** Reported when two connections leave this output, instead of the generic `duplicate-output` message (a menu key). */
  whenDuplicated?: I18nText;
}

/** A problem of one node that its description finds (`diagnose`); validation adds the node id. */
export interface NodeProblem {
  code: NodeDiagnosticCode;
  /** Default `error`. */
  severity?: Severity;
  output?: string;
  message: I18nText;
}

export type NodeCategory = 'call' | 'prompt' | 'logic' | 'destination';

/** The lists of the PBX a param can name an entry of (the keys of `KnownResources`). */
export type ResourceKind = 'extensions' | 'mailboxes' | 'queues' | 'rooms' | 'flows' | 'routes' | 'prompts';

/** A flow variable a node reads, and what it compares it with (for path enumeration). */
export interface VariableRead {
  name: string;
  /** A value the node tells apart (a condition's `equals`): path enumeration tries entries with it. */
  equals?: string;
  /** A pattern the node matches the value against (a condition's `regex`): paths try a second sample. */
  pattern?: string;
}

/** The flow variables a node sets and reads (`${CALLERID}` and the caller number are not variables). */
export interface VariableUse {
  sets?: string[];
  reads?: VariableRead[];
}

/** True for a finite set of strings (an enum or literals); false for free text (`string`) and other types. */
type IsChoice<V> = [V] extends [never] ? false : [V] extends [string] ? (string extends V ? false : true) : false;

/** The params whose value is one of a fixed set of strings (`null` and a missing value aside). */
export type ChoiceParamKey<P> = {
  [K in keyof P & string]-?: IsChoice<NonNullable<P[K]>> extends true ? K : never;
}[keyof P & string];

/**
 * A label in both languages for every value of every choice param: `{ strategy: { simultaneous: …,
 * sequential: … } }`. A value left out, or a label for a value or param that does not exist, is a
 * type error.
 */
export type ValueLabels<P> = { [K in ChoiceParamKey<P>]: Record<NonNullable<P[K]> & string, I18nText> };

/** The value labels of a description whose params type is not known (`NodeTypeDescription`): look a value up, it may have none. */
export type AnyValueLabels = Partial<Record<string, Partial<Record<string, I18nText>>>>;

/** `valueLabels` is required when the params have a choice, and not allowed when they have none. */
type ValueLabelsField<P> = unknown extends P
  ? { valueLabels?: AnyValueLabels }
  : [ChoiceParamKey<P>] extends [never]
    ? { valueLabels?: never }
    : {
        /** Labels for the values of each choice param (enum), for the inspector's dropdowns. Stored values stay as they are. */
        valueLabels: ValueLabels<P>;
      };

/**
 * One description object per node type. The palette, the inspector, the editor's handles,
 * validation, the engine and the compilers all read it.
 */
export type NodeTypeDescription<TType extends string = string, TParams extends z.ZodType = z.ZodType> = NodeTypeBase<TType, TParams> &
  ValueLabelsField<z.infer<TParams>>;

interface NodeTypeBase<TType extends string, TParams extends z.ZodType> {
  type: TType;
  /** Bumped when the meaning of the params changes; old versions are migrated by a tested function. */
  version: number;
  category: NodeCategory;
  label: I18nText;
  description: I18nText;
  params: TParams;
  /** Labels for each param, by key, for the inspector form. */
  paramLabels: Record<string, I18nText>;
  /**
   * Starting values for the params that have no default, so that a node dropped on the canvas is
   * valid at once (the admin then edits them); the params' defaults fill in the rest.
   */
  seed?: z.input<TParams>;
  /** The outputs a node with these params has. */
  outputs(params: z.infer<TParams>): OutputDescription[];
  /** True when the node waits for the caller (digits or a PIN): loops through it are not endless. */
  readsCallerInput(params: z.infer<TParams>): boolean;
  /**
   * The params that name an entry of a PBX list, and which list: validation reports a name the
   * PBX does not have (`unknown-queue` ...), and the inspector offers the list as a picker. A
   * value is a name, a list of names or (for `prompts`) a prompt; empty values and `${...}`
   * references are not names. Listed in the order validation reports them.
   */
  references?: Partial<Record<ParamKey<z.infer<TParams>>, ResourceKind>>;
  /** The flow variables the node sets and reads: validation warns about reads never set in the flow. */
  variables?(params: z.infer<TParams>): VariableUse;
  /**
   * Problems of a node that neither its params schema nor its outputs show (a menu whose keys all
   * lead nowhere). `connected` are its outputs that have a connection, in output order.
   */
  diagnose?(params: z.infer<TParams>, connected: readonly string[]): NodeProblem[];
}

/** The param names of a params type (for a union of objects: the ones every member has); any name when it is not known. */
type ParamKey<P> = unknown extends P ? string : keyof P & string;

export function defineNodeType<TType extends string, TParams extends z.ZodType>(
  description: NodeTypeDescription<TType, TParams>,
): NodeTypeDescription<TType, TParams> {
  return description;
}

export const out = {
  next: { name: 'next', label: { de: 'Weiter', en: 'Next' }, required: true } satisfies OutputDescription,
};
