import { parseFlow, type Flow } from '@stumpfworks/flow';
import { describe, expect, it } from 'vitest';
import { clockInstant, simulatorZone, wallNow } from './clock.js';

function flowIn(id: string, ...zones: string[]): Flow {
  const result = parseFlow({
    schemaVersion: 1,
    id,
    name: id,
    nodes: [{ id: 'start', type: 'Start', params: {} }, ...zones.map((timezone, i) => ({ id: `tc${i}`, type: 'TimeCondition', params: { timezone } }))],
    edges: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

describe('the simulator clock', () => {
  it("reads the clock in the flow's zone: its TimeConditions', a sub-flow's, or Berlin", () => {
    expect(simulatorZone(flowIn('a', 'America/Chicago', 'Asia/Tokyo'))).toBe('America/Chicago');
    expect(simulatorZone(flowIn('a'), [flowIn('sub', 'Asia/Tokyo')])).toBe('Asia/Tokyo');
    expect(simulatorZone(flowIn('a'))).toBe('Europe/Berlin');
    expect(simulatorZone(undefined)).toBe('Europe/Berlin');
  });

  it('takes a datetime-local value as that wall-clock time in the zone, whatever zone the browser is in', () => {
    const at = (text: string, zone: string) => {
      const read = clockInstant(text, zone);
      return read.ok ? read.at.toISOString() : read.message.en;
    };
    expect(at('2026-06-03T19:30', 'Europe/Berlin')).toBe('2026-06-03T17:30:00.000Z');
    expect(at('2026-01-14T19:30', 'Europe/Berlin')).toBe('2026-01-14T18:30:00.000Z');
    expect(at('2026-06-03T19:30:15', 'America/New_York')).toBe('2026-06-03T23:30:15.000Z');
    // The hour the clocks go back happens twice: the earlier; the hour they skip names no instant.
    expect(at('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29 02:30 does not exist in Europe/Berlin (the clocks go forward)');
    expect(at('2026-02-31T10:00', 'Europe/Berlin')).toBe('Please give a date and time (cannot read "2026-02-31T10:00")');
    expect(at('', 'Europe/Berlin')).toBe('Please give a date and time (cannot read "")');
  });

  it('shows now as the wall-clock time in the zone', () => {
    const now = new Date('2026-06-03T17:30:40Z');
    expect(wallNow('Europe/Berlin', now)).toBe('2026-06-03T19:30');
    expect(wallNow('America/New_York', now)).toBe('2026-06-03T13:30');
    expect(clockInstant(wallNow('Asia/Kolkata', now), 'Asia/Kolkata')).toEqual({ ok: true, at: new Date('2026-06-03T17:30:00Z') });
  });
});
