import { describe, expect, it } from 'vitest';
import { parseFlow, type Flow } from '../index.js';
import { flowTimeZones } from './flow-zones.js';

function flowWithZones(...zones: string[]): Flow {
  const result = parseFlow({
    schemaVersion: 1,
    id: 'f',
    name: 'F',
    nodes: [{ id: 'start', type: 'Start', params: {} }, ...zones.map((timezone, i) => ({ id: `tc${i}`, type: 'TimeCondition', params: { timezone } }))],
    edges: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.flow;
}

describe('flowTimeZones', () => {
  it("takes the zones of the flows' TimeConditions, or the TimeCondition default", () => {
    expect(flowTimeZones([flowWithZones()])).toEqual(['Europe/Berlin']);
    expect(flowTimeZones([])).toEqual(['Europe/Berlin']);
    expect(flowTimeZones([flowWithZones('America/New_York', 'America/New_York')])).toEqual(['America/New_York']);
    expect(flowTimeZones([flowWithZones('Europe/Berlin'), flowWithZones('Asia/Tokyo')])).toEqual(['Europe/Berlin', 'Asia/Tokyo']);
  });
});
