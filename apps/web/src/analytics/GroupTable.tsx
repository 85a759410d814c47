import type { components } from '../api/schema.gen.js';
import { DataTable, type Column } from '../admin/DataTable.js';
import type { TextKey } from '../i18n.js';
import { percent, seconds } from './format.js';

export type Group = components['schemas']['Analytics']['trunks'][number];

/** The columns of a per-extension, trunk or queue table; `id` names the first one. */
export function groupColumns(id: TextKey): Column<Group>[] {
  return [
    { key: 'id', label: id, value: (g) => g.id },
    { key: 'calls', label: 'anCalls', value: (g) => g.calls },
    { key: 'answered', label: 'anAnswered', value: (g) => g.answered },
    { key: 'missed', label: 'anMissed', value: (g) => g.missed },
    { key: 'abandoned', label: 'anAbandoned', value: (g) => g.abandoned },
    { key: 'voicemail', label: 'anVoicemail', value: (g) => g.voicemail },
    { key: 'avgWait', label: 'anAvgWait', value: (g) => g.avgWaitMs ?? -1, render: (g) => seconds(g.avgWaitMs) },
    { key: 'serviceLevel', label: 'anServiceLevel', value: (g) => g.serviceLevel ?? -1, render: (g) => percent(g.serviceLevel) },
  ];
}

/** Per extension, trunk or queue: searchable and sortable like every admin table. */
export function GroupTable({ rows, id, label }: { rows: readonly Group[]; id: TextKey; label: string }) {
  return <DataTable label={label} rows={rows} columns={groupColumns(id)} rowKey={(g) => g.id} initialSort={{ key: 'calls', dir: -1 }} />;
}
