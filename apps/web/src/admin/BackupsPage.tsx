import { useEffect, useId, useState } from 'react';
import { ApiError, type Schema } from '../api/client.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { RestartPanel } from '../ops/RestartPanel.js';

type BackupSettings = Schema<'BackupSettings'>;

/** A failure as the server said it: its field problems, else its message. */
function problemText(e: unknown): string {
  return e instanceof ApiError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : reasonOf(e);
}

/** The file name the server gave the download (Content-Disposition), or a default. */
function fileNameOf(response: Response): string {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'stumpfworks-backup.tar.gz';
}

/** Backup: download one, upload one to restore, and the schedule (settings section `backup`). */
export function BackupsPage() {
  const { t } = useI18n();
  const api = useApi();
  const ids = { recordings: useId(), file: useId(), enabled: useId(), folder: useId(), interval: useId(), keep: useId(), scheduleRecordings: useId() };
  const [recordings, setRecordings] = useState(false);
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const settings = api.query.useQuery('get', '/settings/backup');
  const pending = api.query.useQuery('get', '/backups/restore');
  const [schedule, setSchedule] = useState<BackupSettings>();
  useEffect(() => {
    if (settings.data) setSchedule(settings.data);
  }, [settings.data]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage({ error: false, text: await work() });
    } catch (e) {
      setMessage({ error: true, text: problemText(e) });
    } finally {
      setBusy(false);
    }
  };

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
      {message && (
        <p className={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}

      <h3>{t('backupDownload')}</h3>
      <p className="hint">{t('backupDownloadHint')}</p>
      <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.recordings}>
            <input id={ids.recordings} type="checkbox" checked={recordings} onChange={(e) => setRecordings(e.target.checked)} /> {t('backupRecordings')}
          </label>
        </div>
        <button type="button" disabled={busy} onClick={() => void download()}>
          {t('backupCreate')}
        </button>
      </form>

      <h3>{t('backupRestore')}</h3>
      <p className="hint">{t('backupRestoreHint')}</p>
      <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.file}>{t('backupFile')}</label>
          <input id={ids.file} type="file" accept=".gz,application/gzip" onChange={(e) => setFile(e.target.files?.[0])} />
        </div>
        <button type="button" disabled={busy || !file} onClick={() => void restore()}>
          {t('backupUpload')}
        </button>
      </form>
      {pending.data?.pending && <RestartPanel pending={pending.data.pending} />}

      <h3>{t('backupSchedule')}</h3>
      {settings.error && (
        <p className="error" role="alert">
          {reasonOf(settings.error)}
        </p>
      )}
      {schedule && (
        <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={ids.enabled}>
              <input id={ids.enabled} type="checkbox" checked={schedule.enabled} onChange={(e) => setSchedule({ ...schedule, enabled: e.target.checked })} /> {t('backupEnabled')}
            </label>
          </div>
          <div className="field">
            <label htmlFor={ids.folder}>{t('backupFolder')}</label>
            <input id={ids.folder} value={schedule.folder} onChange={(e) => setSchedule({ ...schedule, folder: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.interval}>{t('backupInterval')}</label>
            <input id={ids.interval} type="number" min={1} value={schedule.intervalHours} onChange={(e) => setSchedule({ ...schedule, intervalHours: Number(e.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={ids.keep}>{t('backupKeep')}</label>
            <input id={ids.keep} type="number" min={1} value={schedule.keep} onChange={(e) => setSchedule({ ...schedule, keep: Number(e.target.value) })} />
          </div>
          <div className="field">
            <label htmlFor={ids.scheduleRecordings}>
              <input id={ids.scheduleRecordings} type="checkbox" checked={schedule.recordings} onChange={(e) => setSchedule({ ...schedule, recordings: e.target.checked })} /> {t('backupRecordings')}
            </label>
          </div>
          <button type="button" disabled={busy} onClick={() => void save()}>
            {t('backupSave')}
          </button>
        </form>
      )}
    </section>
  );
}
