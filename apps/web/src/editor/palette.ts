import { nodeTypes, type I18nText, type NodeCategory } from '@stumpfworks/flow';

/** One entry of the palette: a node type to drag onto the canvas. */
export interface PaletteItem {
  type: string;
  category: NodeCategory;
  label: I18nText;
  description: I18nText;
}

/** What the palette offers: every node type of the catalogue (registered ones too), in palette order. */
export function paletteItems(): PaletteItem[] {
  return nodeTypes().map(({ type, category, label, description }) => ({ type, category, label, description }));
}
