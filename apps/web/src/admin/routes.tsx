// Types only (erased at build): the route shapes the server stores and the dialplan renders.
import type { InboundRouteResource as InboundRoute, OutboundRouteResource as OutboundRoute } from '../../../../packages/dialplan/src/resources/types.js';
import type { FieldErrors, FormValues } from './form.js';
import { ResourcePage, type ResourceSpec } from './ResourcePage.js';

const L = (de: string, en: string) => ({ de, en });
const str = (v: FormValues[string] | undefined) => (typeof v === 'string' ? v.trim() : '');
const ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const inboundSpec: ResourceSpec<InboundRoute> = {
  path: '/routes/inbound',
  title: L('Eingehende Routen', 'Inbound routes'),
  columns: [
    { key: 'id', label: L('Kennung', 'Id'), value: (r) => r.id },
    { key: 'did', label: L('Rufnummer (DID)', 'Number (DID)'), value: (r) => r.did },
    { key: 'target', label: L('Ziel', 'Target'), value: (r) => `${r.target.type === 'flow' ? 'Ablauf' : 'Nebenstelle'} ${r.target.id}` },
  ],
  fields: [
    { path: 'id', label: L('Kennung', 'Id'), kind: 'text', createOnly: true },
    { path: 'did', label: L('Rufnummer (DID) oder Muster', 'Number (DID) or pattern'), kind: 'text', hint: L('_X. fängt alles', '_X. catches everything') },
    { path: 'target.type', label: L('Ziel-Art', 'Target kind'), kind: 'select', options: ['flow', 'extension'] },
    { path: 'target.id', label: L('Ziel', 'Target'), kind: 'text' },
  ],
  blank: { 'target.type': 'flow' },
  validate(v) {
    const e: FieldErrors = {};
    if (!ID.test(str(v.id))) e.id = 'lower-case letters, digits and -';
    if (!str(v.did)) e.did = 'required';
    if (!str(v['target.id'])) e['target.id'] = 'required';
    return e;
  },
};

export const outboundSpec: ResourceSpec<OutboundRoute> = {
  path: '/routes/outbound',
  title: L('Ausgehende Routen', 'Outbound routes'),
  columns: [
    { key: 'id', label: L('Kennung', 'Id'), value: (r) => r.id },
    { key: 'name', label: L('Name', 'Name'), value: (r) => r.name },
    { key: 'patterns', label: L('Muster', 'Patterns'), value: (r) => r.patterns.join(', ') },
    { key: 'trunks', label: L('Leitungen', 'Trunks'), value: (r) => (r.block ? '⛔' : r.trunks.join(', ')) },
  ],
  fields: [
    { path: 'id', label: L('Kennung', 'Id'), kind: 'text', createOnly: true },
    { path: 'name', label: L('Name', 'Name'), kind: 'text' },
    { path: 'patterns', label: L('Muster', 'Patterns'), kind: 'list', hint: L('Komma-getrennt, z. B. _0X.', 'comma-separated, e.g. _0X.') },
    { path: 'trunks', label: L('Leitungen', 'Trunks'), kind: 'list' },
    { path: 'strip', label: L('Ziffern abschneiden', 'Strip digits'), kind: 'number' },
    { path: 'prepend', label: L('Voranstellen', 'Prepend'), kind: 'text' },
    { path: 'block', label: L('Sperren', 'Block'), kind: 'checkbox' },
  ],
  validate(v) {
    const e: FieldErrors = {};
    if (!ID.test(str(v.id))) e.id = 'lower-case letters, digits and -';
    if (!str(v.name)) e.name = 'required';
    if (!str(v.patterns)) e.patterns = 'at least one pattern';
    return e;
  },
};

/** Inbound and outbound routes, one shared resource page each. */
export function RoutesPage() {
  return (
    <>
      <ResourcePage spec={inboundSpec} />
      <ResourcePage spec={outboundSpec} />
    </>
  );
}
