/**
 * Nothing in the running Asterisk can run a command, read the host's files or environment, or run
 * an application named by a string (docs/flow-semantics.md, "Hostile input";
 * asterisk/conf/modules.conf, "never"): those modules are not running, and a dialplan that calls
 * SHELL() (as a function and inside $[...]) and System() gets nothing and creates no file.
 */
import { expect, it } from 'vitest';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { AriClient, channelOf, type ChannelUsereventEvent } from '../support/ari.js';
import { canaryFiles, canaryName } from '../support/hostile-values.js';
import { PROBE_FILES } from './probe-config.js';
import { Probe } from './probe.js';

const availability = await detectAsterisk();

/** Modules that run commands, read the host, evaluate strings as dialplan or place calls from the dialplan. */
export const NEVER_MODULES = [
  'func_shell.so',
  'app_system.so',
  'app_exec.so',
  'func_env.so',
  'func_sysinfo.so',
  'func_db.so',
  'func_odbc.so',
  'func_realtime.so',
  'res_agi.so',
  'app_externalivr.so',
  'app_mp3.so',
  'app_jack.so',
  'app_originate.so',
  'res_config_curl.so',
  'res_http_post.so',
  'res_phoneprov.so',
  // Unused, and each reads a value a caller controls (SIP headers) or the config.
  'res_pjsip_header_funcs.so',
  'func_pjsip_endpoint.so',
];

describeWithAsterisk(availability, 'no module that runs commands or reads the host', (asterisk) => {
  it('none of them is loaded', async () => {
    const ari = await AriClient.connect('swf-probe-modules', asterisk);
    try {
      const modules = (await ari.request('GET', '/asterisk/modules')) as Array<{ name: string; status: string }>;
      expect(modules.length).toBeGreaterThan(50);
      expect(modules.filter((m) => NEVER_MODULES.includes(m.name)).map((m) => `${m.name} ${m.status}`)).toEqual([]);
    } finally {
      await ari.close();
    }
  });

  it('SHELL() gives nothing, in ${...} and in $[...], and System() does not exist: the call ends there and no file appears', async () => {
    const canary = canaryName();
    const probe = await Probe.start(asterisk, [PROBE_FILES.dialplan]);
    try {
      // The expression form is the one that created its file through $[...] while func_shell was loaded.
      const words = `cd;cd$IFS..;cd$IFS..;cd$IFS..;cd$IFS..;cd$IFS'tmp';touch$IFS'${canary}x2'`;
      const call = await probe.call('swf-probe-no-shell', { variables: { PROBE_CANARY: canary, PROBE_WORDS: words } });
      expect(await probe.step(call, 'shell')).toMatchObject({ result: '' });
      // With no application System, Asterisk hangs the channel up at that priority. ARI sends a
      // channel's events in order, so once it is destroyed no later UserEvent of it can come.
      await probe.ended(call);
      const steps = probe.ari.received
        .slice(call.mark)
        .filter((e): e is ChannelUsereventEvent => e.type === 'ChannelUserevent' && channelOf(e)?.id === call.two)
        .map((e) => e.userevent.step);
      expect(steps).toEqual(['shell']);
      expect(canaryFiles(canary, asterisk.asteriskRoot)).toEqual([]);
    } finally {
      await probe.stop();
    }
  });
});
