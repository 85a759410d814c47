import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asteriskPaths } from './sources.js';

const REPO = join(import.meta.dirname, '../../../..');

/** The named-volume mounts per service of docker-compose.yml (`- volume:/container/path[:ro]` under `volumes:`). */
function composeMounts(text: string): Map<string, Array<{ volume: string; at: string }>> {
  const services = new Map<string, Array<{ volume: string; at: string }>>();
  let section = '';
  let service: string | undefined;
  let inVolumes = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) [section, service, inVolumes] = [line.replace(/:.*$/, ''), undefined, false];
    else if (section === 'services' && /^ {2}[\w-]+:\s*$/.test(line)) [service, inVolumes] = [line.trim().slice(0, -1), false];
    else if (service && /^ {4}\S/.test(line)) inVolumes = /^ {4}volumes:\s*$/.test(line);
    else if (service && inVolumes) {
      const mount = /^ {6}- ([\w-]+):(\/[^:\s]*)/.exec(line);
      if (mount) (services.get(service) ?? services.set(service, []).get(service)!).push({ volume: mount[1]!, at: mount[2]! });
    }
  }
  return services;
}

/** Which volume, and where inside it, holds `path` of a service's container (the longest mount that contains it). */
function inVolume(mounts: Array<{ volume: string; at: string }>, path: string): { volume: string; inside: string } | undefined {
  const mount = mounts.filter((m) => path === m.at || path.startsWith(`${m.at}/`)).sort((a, b) => b.at.length - a.at.length)[0];
  return mount ? { volume: mount.volume, inside: relative(mount.at, path) } : undefined;
}

describe('docker-compose: the server finds the voicemail, the recordings and the astdb that Asterisk uses', () => {
  const work = mkdtempSync(join(tmpdir(), 'swf-compose-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('maps each path of asteriskPaths("/") in the server container to the same file in the asterisk container', () => {
    const mounts = composeMounts(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8'));
    const server = mounts.get('server')!;
    const asterisk = mounts.get('asterisk')!;
    expect(server).toBeDefined();
    expect(asterisk).toBeDefined();

    // The asterisk image: asterisk.conf rendered from the repository's template with the image's SWF_ASTDB_DIR.
    const astdbDir = /SWF_ASTDB_DIR=(\S+)/.exec(readFileSync(join(REPO, 'asterisk/Dockerfile'), 'utf8'))![1]!;
    const template = readFileSync(join(REPO, 'asterisk/conf/asterisk.conf'), 'utf8');
    expect(template).toContain('@@ASTDB_DIR@@');
    const asteriskRoot = join(work, 'asterisk-image');
    mkdirSync(join(asteriskRoot, 'etc/asterisk'), { recursive: true });
    writeFileSync(join(asteriskRoot, 'etc/asterisk/asterisk.conf'), template.replaceAll('@@ASTDB_DIR@@', astdbDir));
    // The server image: Asterisk's root is "/" (no ASTERISK_ROOT), and it has no asterisk.conf.
    const serverRoot = join(work, 'server-image');
    mkdirSync(serverRoot);

    const inContainer = (root: string, path: string) => `/${relative(root, path)}`;
    const there = asteriskPaths(asteriskRoot);
    const here = asteriskPaths(serverRoot);
    for (const key of ['voicemail', 'recordings', 'astdb'] as const) {
      const asteriskSide = inVolume(asterisk, inContainer(asteriskRoot, there[key]));
      const serverSide = inVolume(server, inContainer(serverRoot, here[key]));
      expect(asteriskSide, `${key}: ${there[key]} is on a volume of the asterisk service`).toBeDefined();
      expect(serverSide, `${key}: the server's ${inContainer(serverRoot, here[key])} is on the same volume`).toEqual(asteriskSide);
    }
    expect(inContainer(serverRoot, here.astdb)).toBe('/var/lib/asterisk/astdb.sqlite3');
    expect(inContainer(asteriskRoot, there.astdb)).toBe('/var/lib/asterisk/db/astdb.sqlite3');
  });

  it('mounts them writable in the server (a restore replaces them)', () => {
    const text = readFileSync(join(REPO, 'docker-compose.yml'), 'utf8');
    expect(text).toMatch(/^ {6}- asterisk-spool:\/var\/spool\/asterisk$/m);
    expect(text).toMatch(/^ {6}- asterisk-astdb:\/var\/lib\/asterisk$/m);
  });
});
