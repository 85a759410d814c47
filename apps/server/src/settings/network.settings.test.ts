import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { networkSection } from './network.settings.js';

const REPO = new URL('../../../../', import.meta.url);

describe('the default RTP range', () => {
  it('is the one render-conf.sh writes before the first publish and docker-compose.yml names', () => {
    const { rtpPortStart, rtpPortEnd } = networkSection.schema.parse({});
    expect(readFileSync(new URL('asterisk/scripts/render-conf.sh', REPO), 'utf8')).toContain(`rtpstart = ${rtpPortStart}\\nrtpend = ${rtpPortEnd}\\n`);
    expect(readFileSync(new URL('docker-compose.yml', REPO), 'utf8')).toContain(`# RTP: UDP ${rtpPortStart}-${rtpPortEnd}, the server's network setting`);
  });
});
