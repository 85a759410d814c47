import { useState } from 'react';
import type { Schema } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { RestartPanel } from '../ops/RestartPanel.js';
import { CheckField, Field, FileField, NumberField, useDraft } from './Field.js';
import { ErrorText, OutcomeText, useRun } from './outcome.js';

type BackupSettings = Schema<'BackupSettings'>;

/** The file name the server gave the download (Content-Disposition), or a default. */
function fileNameOf(response: Response): string {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'stumpfworks-backup.tar.gz';
}

/** Backup: download one, upload one to restore, and the schedule (settings section `backup`). */
export function BackupsPage() {
  const { t } = useI18n();
  const api = useApi();
  const [recordings, setRecordings] = useState(false);
  const [file, setFile] = useState<File>();
  const { busy, outcome, run } = useRun();
  const settings = api.query.useQuery('get', '/settings/backup');
  const pending = api.query.useQuery('get', '/backups/restore');
  const [schedule, setSchedule] = useDraft<BackupSettings>(settings.data);

  const download = () =>
    run(async () => {
      const { data, response } = await api.client.POST('/backups', { params: { query: { recordings: recordings ? 'true' : 'false' } }, parseAs: 'blob' });
      const name = fileNameOf(response);
      const url = URL.createObjectURL(data as unknown as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
      return t('backupCreated').replace('{file}', name);
    });

  const restore = () =>
    run(async () => {
      if (!file) throw new Error(t('checkRequired'));
      const { data } = await api.client.POST('/backups/restore', {
        headers: { 'content-type': 'application/gzip' },
        // The spec's binary body (a string of bytes): the browser sends the file as it is.
        body: file as unknown as string,
        bodySerializer: (body) => body,
      });
      await pending.refetch();
      return t('backupStaged').replace('{date}', new Date(data!.createdAt).toLocaleString()).replace('{files}', String(data!.files));
    });

  const save = () =>
    run(async () => {
      const { data } = await api.client.PUT('/settings/backup', { body: schedule! });
      setSchedule(data);
      return t('backupSaved');
    });

  return (
    <section className="admin-page" aria-label={t('navBackups')}>
      <h2>{t('navBackups')}</h2>
      <OutcomeText outcome={outcome} />

      <h3>{t('backupDownload')}</h3>
      <p className="hint">{t('backupDownloadHint')}</p>
      <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
        <CheckField label={t('backupRecordings')} checked={recordings} onChange={setRecordings} />
        <button type="button" disabled={busy} onClick={() => void download()}>
          {t('backupCreate')}
        </button>
      </form>

      <h3>{t('backupRestore')}</h3>
      <p className="hint">{t('backupRestoreHint')}</p>
      <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
        <FileField label={t('backupFile')} accept=".gz,application/gzip" onFile={setFile} />
        <button type="button" disabled={busy || !file} onClick={() => void restore()}>
          {t('backupUpload')}
        </button>
      </form>
      {pending.data?.pending && <RestartPanel pending={pending.data.pending} />}

      <h3>{t('backupSchedule')}</h3>
      <ErrorText error={settings.error} />
      {schedule && (
        <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
          <CheckField label={t('backupEnabled')} checked={schedule.enabled} onChange={(enabled) => setSchedule({ ...schedule, enabled })} />
          <Field label={t('backupFolder')}>{(id) => <input id={id} value={schedule.folder} onChange={(e) => setSchedule({ ...schedule, folder: e.target.value })} />}</Field>
          <NumberField label={t('backupInterval')} min={1} value={schedule.intervalHours} onChange={(intervalHours) => setSchedule({ ...schedule, intervalHours })} />
          <NumberField label={t('backupKeep')} min={1} value={schedule.keep} onChange={(keep) => setSchedule({ ...schedule, keep })} />
          <CheckField label={t('backupRecordings')} checked={schedule.recordings} onChange={(recordings) => setSchedule({ ...schedule, recordings })} />
          <button type="button" disabled={busy} onClick={() => void save()}>
            {t('backupSave')}
          </button>
        </form>
      )}
    </section>
  );
}
