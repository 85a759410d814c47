import { z } from 'zod';
import { nodeCatalogue } from './catalogue.js';
import { idSchema } from './ids.js';

/** The newest document version this code reads and writes. */
export const CURRENT_SCHEMA_VERSION = 1;

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

function nodeSchemaFor<TType extends string, TParams extends z.ZodType>(description: {
  type: TType;
  version: number;
  params: TParams;
}) {
  return z.object({
    id: idSchema,
    type: z.literal(description.type),
    /** The node type's version; absent means the current one. */
    version: z.number().int().min(1).max(description.version).optional(),
    /** A name the admin gives the node, shown on the canvas. */
    label: z.string().max(80).optional(),
    position: positionSchema.optional(),
    params: description.params,
  });
}

/** The node schema of each description of a catalogue, in its order: a mapped tuple keeps each type's params. */
type NodeSchemas<C extends readonly { type: string; version: number; params: z.ZodType }[]> = {
  -readonly [K in keyof C]: ReturnType<typeof nodeSchemaFor<C[K]['type'], C[K]['params']>>;
};

/**
 * A flow node of any catalogue type, told apart by `type`. `map` forgets which element is which;
 * the mapped tuple type gives it back, so each node type keeps its own params type.
 */
export const nodeSchema = z.discriminatedUnion('type', nodeCatalogue.map((d) => nodeSchemaFor<string, z.ZodType>(d)) as NodeSchemas<typeof nodeCatalogue>);

export const edgeSchema = z.object({
  from: idSchema,
  /** The output name of the `from` node: a menu digit, `timeout`, `busy`, `next`... */
  output: z.string().min(1).max(32),
  to: idSchema,
});

export const flowSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: idSchema,
  name: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  /**
   * Which engine runs the flow's calls: `dialplan` (compiled to extensions.conf, the default) or
   * `ari` (the Stasis app of @stumpfworks/ari-runtime; the compiler emits only the hand-over).
   */
  deployment: z.enum(['dialplan', 'ari']).optional(),
  nodes: z.array(nodeSchema).min(1).max(5000),
  edges: z.array(edgeSchema).max(20000),
});

export type Flow = z.infer<typeof flowSchema>;
export type FlowNode = Flow['nodes'][number];
/** The engine a flow runs on; absent means `dialplan`. */
export type FlowDeployment = NonNullable<Flow['deployment']>;
export type FlowEdge = z.infer<typeof edgeSchema>;
/** The node of one type, with its params typed. */
export type NodeOf<T extends FlowNode['type']> = Extract<FlowNode, { type: T }>;
