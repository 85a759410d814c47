import { nodeTypeDescription, type KnownResources } from '@stumpfworks/flow';

/**
 * The server's list a param of a node type names an entry of (its description's `references`),
 * for the inspector's picker; nothing when the param names none or the lists are not loaded.
 */
export function pickerOptions(resources: KnownResources | undefined, nodeType: string, param: string): { options?: string[] } {
  const kind = nodeTypeDescription(nodeType)?.references?.[param];
  const options = kind && resources?.[kind];
  return options ? { options } : {};
}
