/**
 * (a) The base config boots clean, with every module the compiler and the runtime rely on.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { problemLines } from '../support/local-asterisk.js';
import { AriClient } from '../support/ari.js';

const availability = await detectAsterisk();

const REQUIRED_MODULES = [
  'pbx_config.so',
  'app_stack.so',
  'app_dial.so',
  'app_playback.so',
  'app_read.so',
  'app_userevent.so',
  'app_voicemail.so',
  'app_confbridge.so',
  'app_queue.so',
  'app_mixmonitor.so',
  'app_stasis.so',
  'func_dialplan.so',
  'func_strings.so',
  'func_logic.so',
  'func_callerid.so',
  'func_channel.so',
  'func_cut.so',
  'func_timeout.so',
  'func_uri.so',
  'func_sprintf.so',
  'func_json.so',
  'func_curl.so',
  'res_curl.so',
  'res_stasis.so',
  'res_ari.so',
  'res_ari_channels.so',
  'res_ari_asterisk.so',
  'res_pjsip.so',
  'chan_pjsip.so',
  'res_pjsip_transport_websocket.so',
  'res_http_websocket.so',
  'res_musiconhold.so',
];

describeWithAsterisk(availability, 'Asterisk boot', (asterisk) => {
  it('logged no WARNING or ERROR line during the last boot', () => {
    expect(asterisk.bootLog, 'the state file names the boot log (asterisk.sh start writes it)').toBeTruthy();
    const log = readFileSync(asterisk.bootLog!, 'utf8');
    expect(log).toMatch(/modules will be loaded/);
    expect(problemLines(log)).toEqual([]);
  });

  it('runs every module the product relies on', async () => {
    const ari = await AriClient.connect('swf-probe-boot', asterisk);
    try {
      const modules = (await ari.request('GET', '/asterisk/modules')) as Array<{ name: string; status: string }>;
      const running = new Set(modules.filter((m) => m.status === 'Running').map((m) => m.name));
      expect(REQUIRED_MODULES.filter((name) => !running.has(name))).toEqual([]);
    } finally {
      await ari.close();
    }
  });
});
