import { describe, expect, it } from 'vitest';
import { Histogram, parseMetrics, renderMetrics } from './metrics-text.js';

describe('Prometheus text format', () => {
  it('renders gauges with escaped labels and parses them back', () => {
    const text = renderMetrics([{ name: 'swf_x', help: 'an x', type: 'gauge', samples: [{ labels: { trunk: 'a"b\\c\nd' }, value: 1 }, { value: 0.5 }] }]);
    expect(text).toBe('# HELP swf_x an x\n# TYPE swf_x gauge\nswf_x{trunk="a\\"b\\\\c\\nd"} 1\nswf_x 0.5\n');
    expect(parseMetrics(text)).toEqual([
      { name: 'swf_x', labels: { trunk: 'a"b\\c\nd' }, value: 1 },
      { name: 'swf_x', labels: {}, value: 0.5 },
    ]);
  });

  it('keeps a histogram with cumulative buckets, +Inf, sum and count', () => {
    const h = new Histogram('swf_d', 'durations', [1, 5]);
    h.observe({ outcome: 'ok' }, 0.5);
    h.observe({ outcome: 'ok' }, 3);
    h.observe({ outcome: 'ok' }, 9);
    const samples = parseMetrics(renderMetrics([h.family()]));
    expect(samples.map((s) => [s.name, s.labels.le ?? '', s.value])).toEqual([
      ['swf_d_bucket', '1', 1],
      ['swf_d_bucket', '5', 2],
      ['swf_d_bucket', '+Inf', 3],
      ['swf_d_sum', '', 12.5],
      ['swf_d_count', '', 3],
    ]);
  });

  it('refuses a line that is not a sample', () => {
    expect(() => parseMetrics('swf_x{a=b} 1')).toThrow(/bad labels|not a sample/);
  });
});
