import { describe, expect, it } from 'vitest';
import { applyPlan, type ApplyTarget } from './apply.js';
import type { ConfigSet, GeneratedFile } from './config-set.js';
import { planPublish } from './plan.js';

type Files = Record<GeneratedFile, string>;
const EMPTY: Files = {
  'pjsip.conf': '',
  'extensions.conf': '',
  'voicemail.conf': '',
  'musiconhold.conf': '',
  'queues.conf': '',
  'confbridge.conf': '',
  'rtp.conf': '',
};

/** A plan that changes pjsip.conf, extensions.conf and rtp.conf, from files `old` to `new`. */
function threeFiles() {
  const previous: Files = { ...EMPTY, 'pjsip.conf': 'old', 'extensions.conf': 'old', 'rtp.conf': 'old' };
  const next: Files = { ...EMPTY, 'pjsip.conf': 'new', 'extensions.conf': 'new', 'rtp.conf': 'new' };
  return planPublish({ files: next } as ConfigSet, previous);
}

/**
 * A fake Asterisk that logs every step in order; each reload is answered on the next macrotask,
 * so that what runs "during" a reload shows between its request and its end.
 */
function fakeTarget(plan: ReturnType<typeof threeFiles>, options: { problems?: Partial<Record<GeneratedFile, string[]>>; failReload?: string; failWrite?: string } = {}) {
  const steps: string[] = [];
  const disk = { ...plan.previous };
  const target: ApplyTarget = {
    files: {
      read: (name) => disk[name as GeneratedFile],
      write: (name, text) => {
        if (name === options.failWrite && text !== plan.previous[name as GeneratedFile]) throw new Error(`disk full: ${name}`);
        steps.push(`write ${name} ${text}`);
        disk[name as GeneratedFile] = text;
      },
    },
    reloadModule: async (module) => {
      steps.push(`reload ${module}`);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (module === options.failReload && disk['pjsip.conf'] === 'new') throw new Error(`reloading ${module} failed: ARI answered 500`);
      steps.push(`reloaded ${module}`);
    },
    openChecks: () => {
      steps.push('open checks');
      return {
        check: async (file) => {
          steps.push(`check ${file}`);
          return options.problems?.[file] ?? [];
        },
        close: () => void steps.push('close checks'),
      };
    },
  };
  return { steps, disk, target };
}

describe('applyPlan (fake Asterisk)', () => {
  it('reloads file after file, does the caller\'s work during the first reload and checks each file during the next', async () => {
    const plan = threeFiles();
    const { steps, disk, target } = fakeTarget(plan);
    const outcome = await applyPlan(target, plan, () => void steps.push('caller\'s work'));
    expect(outcome).toEqual({ ok: true, reloadedModules: ['res_pjsip.so', 'pbx_config.so', 'res_rtp_asterisk.so'] });
    expect(steps).toEqual([
      'write pjsip.conf new',
      'reload res_pjsip.so',
      'open checks',
      'write extensions.conf new',
      'write rtp.conf new',
      "caller's work",
      'reloaded res_pjsip.so',
      'reload pbx_config.so',
      'check pjsip.conf',
      'reloaded pbx_config.so',
      'reload res_rtp_asterisk.so',
      'check extensions.conf',
      'reloaded res_rtp_asterisk.so',
      'check rtp.conf',
      'close checks',
    ]);
    expect(disk).toEqual(plan.next);
  });

  it('puts the previous files back and reloads them when a check finds a problem', async () => {
    const plan = threeFiles();
    const { steps, disk, target } = fakeTarget(plan, { problems: { 'extensions.conf': ['the check extension is not in the live dialplan'] } });
    const outcome = await applyPlan(target, plan, () => undefined);
    expect(outcome).toEqual({ ok: false, problems: ['the check extension is not in the live dialplan'], restoreProblems: [] });
    expect(disk).toEqual(plan.previous);
    expect(steps.slice(steps.indexOf('close checks') + 1)).toEqual([
      'write pjsip.conf old',
      'write extensions.conf old',
      'write rtp.conf old',
      'reload res_pjsip.so',
      'reloaded res_pjsip.so',
      'reload pbx_config.so',
      'reloaded pbx_config.so',
      'reload res_rtp_asterisk.so',
      'reloaded res_rtp_asterisk.so',
    ]);
  });

  it('rolls back when a write fails, without reloading the file it could not write', async () => {
    const plan = threeFiles();
    const { steps, disk, target } = fakeTarget(plan, { failWrite: 'extensions.conf' });
    const outcome = await applyPlan(target, plan, () => undefined);
    expect(outcome).toEqual({ ok: false, problems: ['disk full: extensions.conf'], restoreProblems: [] });
    const beforeRestore = steps.slice(0, steps.indexOf('close checks'));
    expect(beforeRestore).not.toContain('reload pbx_config.so');
    expect(beforeRestore).not.toContain('write extensions.conf new');
    expect(disk).toEqual(plan.previous);
  });

  it('says when even the restore failed', async () => {
    const plan = threeFiles();
    const { target } = fakeTarget(plan, { failReload: 'pbx_config.so' });
    const reloads = target.reloadModule;
    // The restore's reload of pjsip fails as well.
    let restoring = false;
    target.reloadModule = async (module) => {
      if (restoring) throw new Error('ARI is gone');
      await reloads(module).catch((error: unknown) => {
        restoring = true;
        throw error;
      });
    };
    const outcome = await applyPlan(target, plan, () => undefined);
    expect(outcome).toEqual({
      ok: false,
      problems: ['reloading pbx_config.so failed: ARI answered 500'],
      restoreProblems: ['restoring the previous files failed too: ARI is gone'],
    });
  });
});
