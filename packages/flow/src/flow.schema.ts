import { z } from 'zod';
import { nodeCatalogue, nodeTypes } from './catalogue.js';
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

/** The flow document around a schema of its nodes. */
function flowSchemaOver<TNode extends z.ZodType>(node: TNode) {
  return z.object({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    id: idSchema,
    name: z.string().min(1).max(100),
    description: z.string().max(2000).optional(),
    /**
     * Which engine runs the flow's calls: `dialplan` (compiled to extensions.conf, the default) or
     * `ari` (the Stasis app of @stumpfworks/ari-runtime; the compiler emits only the hand-over).
     */
    deployment: z.enum(['dialplan', 'ari']).optional(),
    nodes: z.array(node).min(1).max(5000),
    edges: z.array(edgeSchema).max(20000),
  });
}

/** A flow document with nodes of the built-in types (what the JSON Schema export describes). */
export const flowSchema = flowSchemaOver(nodeSchema);

let withRegistered: { count: number; schema: typeof flowSchema } | undefined;

/**
 * The flow schema with every node type of the catalogue, those added by `registerNodeType` too
 * (rebuilt after a registration); `parseFlow` reads with it. Its type names the built-in node
 * types only: a registered type's nodes are `FlowNode`s by cast, handled by their own files.
 */
export function currentFlowSchema(): typeof flowSchema {
  const types = nodeTypes();
  if (types.length === nodeCatalogue.length) return flowSchema;
  if (withRegistered?.count !== types.length) {
    const nodes = types.map((d) => nodeSchemaFor<string, z.ZodType>(d)) as [ReturnType<typeof nodeSchemaFor<string, z.ZodType>>];
    withRegistered = { count: types.length, schema: flowSchemaOver(z.discriminatedUnion('type', nodes)) as unknown as typeof flowSchema };
  }
  return withRegistered.schema;
}

export type Flow = z.infer<typeof flowSchema>;
export type FlowNode = Flow['nodes'][number];
/** The engine a flow runs on; absent means `dialplan`. */
export type FlowDeployment = NonNullable<Flow['deployment']>;
export type FlowEdge = z.infer<typeof edgeSchema>;
/** The node of one type, with its params typed. */
export type NodeOf<T extends FlowNode['type']> = Extract<FlowNode, { type: T }>;
/** What every node has, of any type (a registered one too); its params' shape depends on the type. */
export type NodeBase = Omit<FlowNode, 'type' | 'params'> & { type: string; params: unknown };
/** The node of a description's type: `NodeOf` for a type added by `registerNodeType`. */
export type DescribedNode<D extends { type: string; params: z.ZodType }> = Omit<NodeBase, 'type' | 'params'> & { type: D['type']; params: z.infer<D['params']> };
