import { idSchema } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { flowIdFor, slugOf } from './flow-id.js';

describe('a new flow\'s id from its name', () => {
  it('spells the name as an id', () => {
    expect(slugOf('Neuer Ablauf')).toBe('neuer-ablauf');
    expect(slugOf('Öffnungszeiten & Menü')).toBe('oeffnungszeiten-menue');
    expect(slugOf('  Café Straße!! ')).toBe('cafe-strasse');
    expect(slugOf('$[EXTEN]')).toBe('exten');
    expect(slugOf('!!!')).toBe('ablauf');
  });

  it('is unique against the existing flows, and always a valid id', () => {
    expect(flowIdFor('Neuer Ablauf', [])).toBe('neuer-ablauf');
    expect(flowIdFor('Neuer Ablauf', ['neuer-ablauf'])).toBe('neuer-ablauf-2');
    expect(flowIdFor('Neuer Ablauf', ['neuer-ablauf', 'neuer-ablauf-2'])).toBe('neuer-ablauf-3');
    // /flows/new is the editor's URL for an unsaved flow, never a flow's.
    expect(flowIdFor('New', [])).toBe('new-2');
    const long = 'Ein sehr langer Name für einen Ablauf mit vielen Wörtern';
    const taken = [slugOf(long)];
    for (let i = 2; i <= 12; i++) {
      const id = flowIdFor(long, taken);
      expect(idSchema.safeParse(id).success, id).toBe(true);
      expect(taken).not.toContain(id);
      taken.push(id);
    }
    expect(taken.at(-1)).toBe('ein-sehr-langer-name-fuer-ein-12');
  });
});
