import { NEW_FLOW } from '../shell/flow-url.js';

/** Flow ids are 1-32 of [a-z0-9_-], starting with a letter or digit (idSchema in packages/flow). */
const MAX = 32;
const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * The id a flow's name suggests: lower case, umlauts spelled out, accents dropped, every other run
 * of characters one "-". A name with nothing usable gives "ablauf".
 *
 * @example slugOf('Öffnungszeiten & Menü') // 'oeffnungszeiten-menue'
 */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX)
    .replace(/-+$/, '');
  return slug || 'ablauf';
}

/**
 * A new flow's id from its name, unique among `taken` (the server's flows): the slug, else the slug
 * with "-2", "-3", ... (shortened to stay within 32 characters).
 *
 * @example flowIdFor('Neuer Ablauf', ['neuer-ablauf']) // 'neuer-ablauf-2'
 */
export function flowIdFor(name: string, taken: Iterable<string>): string {
  // `new` is the URL of a flow not saved yet (/flows/new): a flow named "New" becomes new-2.
  const used = new Set([...taken, NEW_FLOW]);
  const slug = slugOf(name);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${slug.slice(0, MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!used.has(id)) return id;
  }
}
