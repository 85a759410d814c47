import { nodeTypeDescription, type I18nText, type KnownResources } from '@stumpfworks/flow';
import { fieldKind, paramShape, type FieldKind } from './fields.js';
import { pickerOptions } from './pickers.js';

/** One input of the inspector's form for a node: all of it read from the node type's description. */
export interface NodeFormField {
  key: string;
  /** The param's label, or its key when the description has none. */
  label: I18nText;
  field: FieldKind;
  /** The labels of a choice param's values, shown in its dropdown instead of the stored values. */
  valueLabels?: Partial<Record<string, I18nText>>;
  /** The server's list for a param that names an entry of one (a picker), when the lists are loaded. */
  options?: string[];
}

/**
 * The inspector's form for a node: one field per param of its current params shape (a condition's
 * operator picks its shape), undefined for a type the catalogue does not know.
 */
export function nodeFormFields(node: { type: string; params: Record<string, unknown> }, resources: KnownResources | undefined): NodeFormField[] | undefined {
  const description = nodeTypeDescription(node.type);
  if (!description) return undefined;
  return Object.entries(paramShape(description.params, node.params)).map(([key, schema]) => {
    const valueLabels = description.valueLabels?.[key];
    return {
      key,
      label: description.paramLabels[key] ?? { de: key, en: key },
      field: fieldKind(key, schema),
      ...(valueLabels ? { valueLabels } : {}),
      ...pickerOptions(resources, node.type, key),
    };
  });
}
