import { say } from '../http/language.js';
import type { ResourceKind } from './resources.repository.js';

/** What messages call a thing: English uses the kind itself, German the noun with its article (accusative). */
const GERMAN: Record<ResourceKind | 'flow', string> = {
  extension: 'die Nebenstelle',
  trunk: 'die Leitung',
  'inbound-route': 'die eingehende Route',
  'outbound-route': 'die ausgehende Route',
  queue: 'die Warteschlange',
  conference: 'den Konferenzraum',
  prompt: 'die Ansage',
  settings: 'die Einstellungen',
  flow: 'den Ablauf',
};

const named = (kind: ResourceKind | 'flow', id: string) => {
  const noun = GERMAN[kind];
  return `${noun[0]!.toUpperCase()}${noun.slice(1)} „${id}“`;
};

/** Not found, in the request's language: `no trunk "main"` / `Die Leitung „main“ gibt es nicht`. */
export function noSuch(kind: ResourceKind | 'flow', id: string): string {
  return say({ de: `${named(kind, id)} gibt es nicht`, en: `no ${kind} "${id}"` });
}

/** Taken already, in the request's language: `queue "support" exists already` / `Die Warteschlange „support“ gibt es bereits`. */
export function existsAlready(kind: ResourceKind | 'flow', id: string): string {
  return say({ de: `${named(kind, id)} gibt es bereits`, en: `${kind} "${id}" exists already` });
}

/** The refusal of a PUT whose body names another id, in the request's language. */
export function idCannotChange(id: string): { message: string; issues: { path: string; message: string }[] } {
  return {
    message: say({ de: 'Die Kennung kann nicht geändert werden', en: 'the id cannot change' }),
    issues: [{ path: 'id', message: say({ de: `Muss „${id}“ sein`, en: `must be "${id}"` }) }],
  };
}
