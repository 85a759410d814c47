/**
 * Exposure: SIP, ARI and AMI listen each on its own address (render-conf.sh's SWF_*_BIND_ADDRESS).
 * A second Asterisk from the suite's root, rendered with SIP on 127.0.0.5 and nothing else set,
 * must answer SIP there and nowhere else, and ARI and AMI on 127.0.0.1 only: each port is asked
 * on both addresses, and the process's sockets are read from /proc. Its generated files are 0640
 * and in the asterisk group from the first configure on.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confFilesIn } from '../../apps/server/src/publish/conf-files.js';
import { describeWithAsterisk, detectAsterisk } from '../support/asterisk-suite.js';
import { listenersOf } from '../support/listeners.js';
import { asteriskGid } from '../support/local-asterisk.js';
import { envWithout, freePort, SCRIPTS_DIR, startScratchAsterisk, withRenderConf, type ScratchAsterisk } from '../support/scratch-asterisk.js';

const availability = await detectAsterisk();

/** What a TCP connect to `host:port` gets: the first bytes the server sends, or the error code. */
function tcpAnswer(host: string, port: number, send = ''): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let got = '';
    socket.on('connect', () => socket.write(send));
    socket.on('data', (data) => {
      got += data.toString();
      if (/\r\n/.test(got)) socket.destroy();
    });
    socket.on('close', () => resolve(got));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/**
 * A SIP OPTIONS over UDP from 127.0.0.1 to `host:port`: the status line of the answer, or the
 * error code (a closed UDP port answers with ICMP port unreachable: ECONNREFUSED on the socket).
 */
function sipOptions(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (answer: string) => {
      socket.close();
      resolve(answer);
    };
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.on('message', (message) => done(message.toString().split('\r\n')[0]!));
    socket.bind({ address: '127.0.0.1', port: 0 }, () => {
      socket.connect(port, host, () => {
        const local = socket.address().port;
        const request = [
          `OPTIONS sip:probe@${host}:${port} SIP/2.0`,
          `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-${randomUUID()};rport`,
          'Max-Forwards: 70',
          `From: <sip:probe@127.0.0.1>;tag=${randomUUID()}`,
          `To: <sip:probe@${host}>`,
          `Call-ID: ${randomUUID()}`,
          'CSeq: 1 OPTIONS',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n');
        socket.send(request);
      });
    });
  });
}

/** The kernel's range of ephemeral ports (what a socket bound to port 0 gets). */
function ephemeralRange(): [number, number] {
  const [low = 0, high = 0] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  return [low, high];
}

describeWithAsterisk(availability, 'listen addresses and generated files of a configured Asterisk', (asterisk) => {
  let scratch: ScratchAsterisk;
  let ports: { sip: number; http: number; ami: number };
  let secrets: Record<string, string>;

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('needs root: the second Asterisk runs by chroot, like the suite’s own');
    ports = { sip: await freePort(), http: await freePort(), ami: await freePort() };
    scratch = startScratchAsterisk(asterisk.asteriskRoot!, {
      SWF_SIP_BIND_ADDRESS: '127.0.0.5',
      SWF_SIP_PORT: String(ports.sip),
      SWF_HTTP_PORT: String(ports.http),
      SWF_AMI_PORT: String(ports.ami),
    });
    secrets = Object.fromEntries(
      readFileSync(join(scratch.etcDir, '../../state/secrets.env'), 'utf8')
        .split('\n')
        .flatMap((line) => (/^[A-Z_]+=/.test(line) ? [[line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]] : [])),
    );
  });
  afterAll(() => scratch?.stop());

  it('listens with SIP on 127.0.0.5 only, ARI and AMI on 127.0.0.1 only', () => {
    const [low, high] = ephemeralRange();
    const all = listenersOf(scratch.pid);
    // pjproject's DNS resolver (res_pjsip, config_system.c) holds one UDP socket per address family
    // on an ephemeral port of every interface for the answers to its queries; no service listens there.
    const resolver = (l: string) => {
      const match = /^udp6? (0\.0\.0\.0|::):(\d+)$/.exec(l);
      return match !== null && Number(match[2]) >= low && Number(match[2]) <= high;
    };
    expect(all.filter(resolver).length, all.join(', ')).toBeLessThanOrEqual(2);
    expect(all.filter((l) => !resolver(l))).toEqual([`tcp 127.0.0.1:${ports.ami}`, `tcp 127.0.0.1:${ports.http}`, `udp 127.0.0.5:${ports.sip}`].sort());
  });

  it('answers SIP on 127.0.0.5 and not on 127.0.0.1', async () => {
    expect(await sipOptions('127.0.0.5', ports.sip)).toMatch(/^SIP\/2\.0 \d{3} /);
    expect(await sipOptions('127.0.0.1', ports.sip)).toBe('ECONNREFUSED');
  });

  it('answers ARI on 127.0.0.1 and not on 127.0.0.5', async () => {
    const auth = Buffer.from(`${secrets.ARI_USER}:${secrets.ARI_PASSWORD}`).toString('base64');
    const request = `GET /ari/asterisk/ping HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\nConnection: close\r\n\r\n`;
    expect(await tcpAnswer('127.0.0.1', ports.http, request)).toMatch(/^HTTP\/1\.1 200 /);
    expect(await tcpAnswer('127.0.0.5', ports.http, request)).toBe('ECONNREFUSED');
  });

  it('answers AMI on 127.0.0.1 and not on 127.0.0.5', async () => {
    expect(await tcpAnswer('127.0.0.1', ports.ami)).toMatch(/^Asterisk Call Manager\//);
    expect(await tcpAnswer('127.0.0.5', ports.ami)).toBe('ECONNREFUSED');
  });

  it('makes the generated files 0640 in the asterisk group, the dir setgid and closed to others', () => {
    const gid = asteriskGid(asterisk.asteriskRoot!);
    const dir = statSync(scratch.generatedDir);
    expect({ mode: (dir.mode & 0o7777).toString(8), gid: dir.gid }).toEqual({ mode: '2750', gid });
    const files = readdirSync(scratch.generatedDir);
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const name of files) {
      const file = statSync(join(scratch.generatedDir, name));
      expect({ name, mode: (file.mode & 0o777).toString(8), gid: file.gid }).toEqual({ name, mode: '640', gid });
    }
  });

  it('reads a file the server writes (0640, through the group)', () => {
    confFilesIn(scratch.generatedDir).write('extensions.conf', '[swf-binds-probe]\nexten => s,1,NoOp(read through the group)\n');
    expect((statSync(join(scratch.generatedDir, 'extensions.conf')).mode & 0o777).toString(8)).toBe('640');
    scratch.rx('dialplan reload');
    expect(scratch.rx('dialplan show swf-binds-probe')).toContain('read through the group');
    expect(scratch.rx('pjsip show transports')).toContain(`127.0.0.5:${ports.sip}`);
  });
});

/** render-conf.sh without an Asterisk: which address each file gets, and what `asterisk.sh env` says. */
describe('render-conf.sh listen settings', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Renders into a temp etc dir with `settings` (and an optional older settings.env); returns the bind lines and the log. */
  function render(settings: Record<string, string>, savedSettings?: string) {
    const dir = mkdtempSync(join(tmpdir(), 'swf-render-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'etc'));
    mkdirSync(join(dir, 'state'));
    if (savedSettings) writeFileSync(join(dir, 'state/settings.env'), savedSettings);
    const log = withRenderConf('render_conf "$1" "$2" "$3"', [join(SCRIPTS_DIR, '../conf'), join(dir, 'etc'), join(dir, 'state')], settings);
    const line = (file: string, key: string) => new RegExp(`^${key} = (.*)$`, 'm').exec(readFileSync(join(dir, 'etc', file), 'utf8'))?.[1];
    return {
      dir,
      log,
      sip: line('pjsip.conf', 'bind'),
      ari: line('http.conf', 'bindaddr'),
      ami: line('manager.conf', 'bindaddr'),
      saved: readFileSync(join(dir, 'state/settings.env'), 'utf8'),
    };
  }

  it('keeps ARI and AMI on 127.0.0.1 when only SIP is opened', () => {
    const r = render({ SWF_SIP_BIND_ADDRESS: '0.0.0.0', SWF_SIP_PORT: '5062' });
    expect([r.sip, r.ari, r.ami]).toEqual(['0.0.0.0:5062', '127.0.0.1', '127.0.0.1']);
  });

  it('binds each service where its own setting says', () => {
    const r = render({ SWF_SIP_BIND_ADDRESS: '127.0.0.5', SWF_ARI_BIND_ADDRESS: '127.0.0.6', SWF_AMI_BIND_ADDRESS: '127.0.0.7' });
    expect([r.sip, r.ari, r.ami]).toEqual(['127.0.0.5:5060', '127.0.0.6', '127.0.0.7']);
  });

  it('reads the deprecated SWF_BIND_ADDRESS (env or saved by an older version) as SIP only, and says so', () => {
    const fromEnv = render({ SWF_BIND_ADDRESS: '0.0.0.0' });
    expect([fromEnv.sip, fromEnv.ari, fromEnv.ami]).toEqual(['0.0.0.0:5060', '127.0.0.1', '127.0.0.1']);
    expect(fromEnv.log).toMatch(/SWF_BIND_ADDRESS is deprecated/);
    expect(fromEnv.saved).toMatch(/^SWF_SIP_BIND_ADDRESS=0\.0\.0\.0$/m);
    const saved = render({}, 'SWF_BIND_ADDRESS=0.0.0.0\nSWF_SIP_PORT=5070\n');
    expect([saved.sip, saved.ari, saved.ami]).toEqual(['0.0.0.0:5070', '127.0.0.1', '127.0.0.1']);
    const newer = render({ SWF_BIND_ADDRESS: '127.0.0.9', SWF_SIP_BIND_ADDRESS: '127.0.0.5' });
    expect(newer.sip).toBe('127.0.0.5:5060');
  });

  it('refuses an address that is not IPv4', () => {
    for (const bad of ['localhost', '1.2.3', '256.1.1.1', '::1']) {
      expect(() => render({ SWF_AMI_BIND_ADDRESS: bad }), bad).toThrow(/SWF_AMI_BIND_ADDRESS .* is not an IPv4 address/);
    }
  });

  it('gives the server the connect addresses and SIP’s bind address (asterisk.sh env)', () => {
    const r = render({ SWF_SIP_BIND_ADDRESS: '0.0.0.0', SWF_ARI_BIND_ADDRESS: '0.0.0.0', SWF_AMI_BIND_ADDRESS: '127.0.0.7' });
    // asterisk.sh finds the state under $ASTERISK_ROOT/etc/stumpfworks-voip.
    const root = join(r.dir, 'root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    execFileSync('cp', ['-a', join(r.dir, 'state'), join(root, 'etc/stumpfworks-voip')]);
    const out = execFileSync('bash', [join(SCRIPTS_DIR, 'asterisk.sh'), 'env'], { env: envWithout({ ASTERISK_ROOT: root }), encoding: 'utf8' });
    const vars = Object.fromEntries([...out.matchAll(/^export (\w+)='(.*)'$/gm)].map((m) => [m[1], m[2]]));
    expect(vars).toMatchObject({ ARI_URL: 'http://127.0.0.1:8088/ari', AMI_HOST: '127.0.0.7', AMI_PORT: '5038', SIP_BIND_ADDRESS: '0.0.0.0', SIP_PORT: '5060' });
  });
});
