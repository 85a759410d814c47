import { useId, useState } from 'react';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';

const KIND_TEXT: Record<string, TextKey> = { unavailable: 'vmGreetUnavailable', busy: 'vmGreetBusy', name: 'vmGreetName', temporary: 'vmGreetTemporary' };
type Kind = 'unavailable' | 'busy' | 'name' | 'temporary';

/** The four greetings of `box`: play, upload (WAV or MP3), speak a text (espeak-ng), delete. */
export function GreetingsPanel({ box }: { box: string }) {
  const api = useApi();
  const { t, language } = useI18n();
  const ids = { kind: useId(), text: useId(), file: useId() };
  const greetings = api.query.useQuery('get', '/voicemail/{box}/greetings', { params: { path: { box } } });
  const [kind, setKind] = useState<Kind>('unavailable');
  const [text, setText] = useState('');
  const [playing, setPlaying] = useState<string>();
  const [error, setError] = useState<string>();
  const path = (k: Kind) => ({ params: { path: { box, kind: k } } });
  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      setPlaying(undefined);
      await greetings.refetch();
    } catch (e) {
      setError(reasonOf(e));
    }
  };
  const upload = (file: File) =>
    run(() =>
      api.client.PUT('/voicemail/{box}/greetings/{kind}/audio', {
        ...path(kind),
        headers: { 'content-type': file.type || 'audio/wav' },
        // The spec's binary body (a string of bytes): the browser sends the file as it is.
        body: file as unknown as string,
        bodySerializer: (body) => body,
      }),
    );
  return (
    <section aria-label={t('vmGreetings')}>
      <h3>{t('vmGreetings')}</h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="data-table" aria-label={t('vmGreetings')}>
        <tbody>
          {(greetings.data ?? []).map((g) => (
            <tr key={g.kind} data-greeting={g.kind} data-present={g.present}>
              <td>{t(KIND_TEXT[g.kind]!)}</td>
              <td>{g.present ? '✓' : '–'}</td>
              <td>
                {g.present && (
                  <>
                    <button type="button" onClick={() => setPlaying(g.kind)}>
                      {t('vmPlay')}
                    </button>{' '}
                    <button type="button" onClick={() => void run(() => api.client.DELETE('/voicemail/{box}/greetings/{kind}', path(g.kind as Kind)))}>
                      {t('vmDelete')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {playing && <audio aria-label={t('vmPlayer')} controls autoPlay src={`/api/v1/voicemail/${encodeURIComponent(box)}/greetings/${playing}/audio`} />}
      <p>
        <label htmlFor={ids.kind}>{t('vmGreeting')}</label>{' '}
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {Object.entries(KIND_TEXT).map(([k, label]) => (
            <option key={k} value={k}>
              {t(label)}
            </option>
          ))}
        </select>{' '}
        <label htmlFor={ids.file}>{t('vmGreetUpload')}</label>{' '}
        <input id={ids.file} type="file" accept="audio/wav,audio/mpeg" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
      </p>
      <p>
        <label htmlFor={ids.text}>{t('vmGreetText')}</label>{' '}
        <input id={ids.text} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />{' '}
        <button
          type="button"
          disabled={!text.trim()}
          onClick={() => void run(() => api.client.POST('/voicemail/{box}/greetings/{kind}/tts', { ...path(kind), body: { text, language: language === 'en' ? 'en' : 'de' } }))}
        >
          {t('vmGreetSpeak')}
        </button>
      </p>
    </section>
  );
}
