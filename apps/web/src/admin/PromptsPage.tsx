import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, type Schema } from '../api/client.js';
import { listKey } from '../api/query.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type Translate } from '../i18n.js';
import { DataTable } from './DataTable.js';
import { ErrorText } from './outcome.js';

type Prompt = Schema<'Prompt'>;

/** Where a prompt's audio comes from, in the UI language: text to speech (in which language) or an upload. */
function sourceText(prompt: Prompt, t: Translate): string {
  if (prompt.source === 'upload') return t('promptSourceUpload');
  const language = prompt.language === undefined ? undefined : t(prompt.language === 'de' ? 'german' : 'english');
  return language === undefined ? t('promptSourceTts') : `${t('promptSourceTts')} (${language})`;
}

/** Prompts: TTS from text (de/en), WAV upload, playback (the audio is fetched with the token). */
export function PromptsPage() {
  const { t } = useI18n();
  const api = useApi();
  const ids = { id: useId(), name: useId(), lang: useId(), text: useId(), file: useId() };
  const queryClient = useQueryClient();
  // The same list (and key) as the editor's prompt pickers: a new prompt shows there too.
  const rows = api.query.useQuery('get', '/prompts');
  const [form, setForm] = useState<{ id: string; name: string; language: 'de' | 'en'; text: string }>({ id: '', name: '', language: 'de', text: '' });
  const [file, setFile] = useState<File>();
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const [playing, setPlaying] = useState<{ id: string; url: string }>();

  const written = async () => {
    setMessage({ error: false, text: `${form.id} ✓` });
    await queryClient.invalidateQueries({ queryKey: listKey('/prompts') });
  };
  const fail = (e: unknown) =>
    setMessage({ error: true, text: e instanceof ApiError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : reasonOf(e) });
  const tts = async () => {
    try {
      await api.client.POST('/prompts/tts', { body: form });
      await written();
    } catch (e) {
      fail(e);
    }
  };
  const upload = async () => {
    if (!file) return;
    try {
      await api.client.PUT('/prompts/{id}/audio', {
        params: { path: { id: form.id }, query: form.name ? { name: form.name } : {} },
        headers: { 'content-type': file.type || 'audio/wav' },
        // The spec's binary body (a string of bytes): the browser sends the file as it is.
        body: file as unknown as string,
        bodySerializer: (body) => body,
      });
      await written();
    } catch (e) {
      fail(e);
    }
  };
  const play = async (id: string) => {
    try {
      const { data: audio } = await api.client.GET('/prompts/{id}/audio', { params: { path: { id } }, parseAs: 'blob' });
      if (playing) URL.revokeObjectURL(playing.url);
      setPlaying({ id, url: URL.createObjectURL(audio!) });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="admin-page" aria-label={t('navPrompts')}>
      <h2>{t('navPrompts')}</h2>
      <form className="resource-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.id}>{t('fieldId')}</label>
          <input id={ids.id} value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.name}>{t('fieldName')}</label>
          <input id={ids.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.lang}>{t('promptLanguage')}</label>
          <select id={ids.lang} value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value === 'en' ? 'en' : 'de' })}>
            <option value="de">{t('german')}</option>
            <option value="en">{t('english')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.text}>{t('promptTtsText')}</label>
          <textarea id={ids.text} rows={2} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        </div>
        <div className="modal-buttons">
          <button type="button" className="primary" onClick={() => void tts()}>
            {t('promptGenerate')}
          </button>
          <label htmlFor={ids.file}>{t('promptWavFile')}</label>
          <input id={ids.file} type="file" accept="audio/wav,audio/x-wav,audio/mpeg" onChange={(e) => setFile(e.target.files?.[0])} />
          <button type="button" disabled={!file} onClick={() => void upload()}>
            {t('promptUploadButton')}
          </button>
        </div>
      </form>
      <ErrorText error={rows.error} />
      {message && (
        <p className={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {playing && <audio controls autoPlay src={playing.url} aria-label={playing.id} />}
      <DataTable
        label={t('navPrompts')}
        rows={rows.data ?? []}
        rowKey={(p) => p.id}
        columns={[
          { key: 'id', label: 'fieldId', value: (p) => p.id },
          { key: 'name', label: 'fieldName', value: (p) => p.name },
          { key: 'source', label: 'promptSource', value: (p, t) => sourceText(p, t) },
          { key: 'text', label: 'promptTextColumn', value: (p) => p.text ?? '' },
          { key: 'bytes', label: 'promptBytes', value: (p) => p.bytes },
        ]}
        actions={(p) => (
          <button type="button" onClick={() => void play(p.id)}>
            ▶ {p.id}
          </button>
        )}
      />
    </section>
  );
}
