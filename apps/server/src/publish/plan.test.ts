import { describe, expect, it } from 'vitest';
import type { ConfigSet, GeneratedFile } from './config-set.js';
import { encodeDiffs, planDiffs, planPublish, readLiveFiles } from './plan.js';

describe('planPublish', () => {
  const live = readLiveFiles({ read: (name) => (name === 'extensions.conf' ? '[a]\n' : name === 'pjsip.conf' ? '[1000]\npassword = old-secret\n' : '') });
  const next: Record<GeneratedFile, string> = { ...live, 'rtp.conf': '[general]\n', 'pjsip.conf': '[1000]\npassword = new-secret\n' };
  const plan = planPublish({ files: next } as ConfigSet, live);

  it('lists the files that differ from the live ones, in reload order', () => {
    expect(plan.changed).toEqual(['pjsip.conf', 'rtp.conf']);
    expect(planPublish({ files: live } as ConfigSet, live).changed).toEqual([]);
  });

  it('diffs each changed file with its secrets masked, and encodes the diffs once', () => {
    const diffs = planDiffs(plan);
    expect(Object.keys(diffs)).toEqual(['pjsip.conf', 'rtp.conf']);
    expect(diffs['pjsip.conf']).toContain('-password = ********\n+password = ********');
    expect(JSON.stringify(diffs)).not.toContain('secret');
    const encoded = encodeDiffs(plan);
    expect(encoded.byFile).toEqual(diffs);
    expect(encoded.json).toBe(JSON.stringify(diffs));
    expect(encoded.bytes.toString('utf8')).toBe(encoded.json);
  });
});
