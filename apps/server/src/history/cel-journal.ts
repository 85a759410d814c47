import type { JournalFormat } from '../recordings/cdr-journal.js';

/**
 * The CEL journal (asterisk/conf/cel_custom.conf): one record per channel event, in the format of
 * the CDR journal (recordings/cdr-journal.ts reads both), with its own version tag `c1`.
 */
export const CEL_FIELDS = [
  'eventenum', 'eventtime', 'usereventname', 'name', 'num', 'dnid', 'exten', 'context', 'channame',
  'appname', 'appdata', 'uniqueid', 'linkedid', 'peer', 'eventextra',
] as const;

export type CelRecord = Record<(typeof CEL_FIELDS)[number], string>;

export const CEL_JOURNAL: JournalFormat<(typeof CEL_FIELDS)[number]> = { version: 'c1', fields: CEL_FIELDS };

/** One CEL event as the history builder reads it (times: epoch ms with Asterisk's microseconds; `extra`: Asterisk's JSON, parsed). */
export interface CelEvent {
  event: string;
  time: number;
  /** CELGenUserEvent's name for USER_DEFINED events. */
  userEvent: string;
  cidName: string;
  cidNum: string;
  dnid: string;
  exten: string;
  context: string;
  channel: string;
  app: string;
  appData: string;
  uniqueId: string;
  linkedId: string;
  peer: string;
  extra: Record<string, unknown>;
}

/** A journal record as an event; the extra JSON that does not parse (never seen) counts as none. */
export function celEvent(record: CelRecord): CelEvent {
  let extra: Record<string, unknown> = {};
  if (record.eventextra) {
    try {
      const parsed: unknown = JSON.parse(record.eventextra);
      if (parsed && typeof parsed === 'object') extra = parsed as Record<string, unknown>;
    } catch {
      // Asterisk writes the extra as JSON; anything else carries nothing the history reads.
      extra = {};
    }
  }
  return {
    event: record.eventenum,
    time: Number(record.eventtime) * 1000,
    userEvent: record.usereventname,
    cidName: record.name,
    cidNum: record.num,
    dnid: record.dnid,
    exten: record.exten,
    context: record.context,
    channel: record.channame,
    app: record.appname,
    appData: record.appdata,
    uniqueId: record.uniqueid,
    linkedId: record.linkedid,
    peer: record.peer,
    extra,
  };
}
