import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n, type TextKey } from '../i18n.js';
import { GreetingsPanel } from './GreetingsPanel.js';

interface Message {
  id: string;
  folder: string;
  callerId: string;
  callerName: string;
  callerNumber: string;
  time: string;
  durationSeconds: number;
}

const FOLDER_TEXT: Record<string, TextKey> = { INBOX: 'vmFolderINBOX', Old: 'vmFolderOld' };

/**
 * The voicemail of the boxes the user may use (GET /voicemail): the messages of one box, played
 * in an <audio> element (the server answers Range requests, so it seeks), marked heard, forwarded
 * to another box, deleted. Every change goes through app_voicemail, so the phones' lamps follow.
 * Below, the box's greetings (GreetingsPanel).
 */
export function VoicemailPage() {
  const api = useApi();
  const { t, language } = useI18n();
  const ids = { box: useId(), forward: useId() };
  const boxes = api.query.useQuery('get', '/voicemail');
  // The call history links to a box as /voicemail?box=1001.
  const [params] = useSearchParams();
  const [chosen, setChosen] = useState<string | undefined>(params.get('box') ?? undefined);
  const box = chosen ?? boxes.data?.[0]?.box;
  const messages = api.query.useQuery('get', '/voicemail/{box}/messages', { params: { path: { box: box ?? '' } } }, { enabled: box !== undefined });
  const [playing, setPlaying] = useState<string>();
  const [forwardTo, setForwardTo] = useState<string>('');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await action();
      if (done) setNotice(done);
      await Promise.all([messages.refetch(), boxes.refetch()]);
    } catch (e) {
      setError(reasonOf(e));
    }
  };
  const path = (m: Message) => ({ params: { path: { box: box!, id: m.id } } });
  const others = (boxes.data ?? []).filter((b) => b.box !== box);

  if (boxes.data && boxes.data.length === 0) {
    return (
      <section className="admin-page" aria-label={t('navVoicemail')}>
        <h2>{t('navVoicemail')}</h2>
        <p className="hint">{t('vmNoBox')}</p>
      </section>
    );
  }
  return (
    <section className="admin-page" aria-label={t('navVoicemail')}>
      <h2>{t('navVoicemail')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      <label htmlFor={ids.box}>{t('vmBox')}</label>{' '}
      <select id={ids.box} value={box ?? ''} onChange={(e) => (setChosen(e.target.value), setPlaying(undefined))}>
        {(boxes.data ?? []).map((b) => (
          <option key={b.box} value={b.box}>
            {b.box} {b.name} – {t('vmCounts').replace('{new}', String(b.new)).replace('{old}', String(b.old))}
          </option>
        ))}
      </select>
      {playing && box && (
        <p>
          <audio
            aria-label={t('vmPlayer')}
            data-testid="voicemail-audio"
            controls
            autoPlay
            preload="auto"
            src={`/api/v1/voicemail/${encodeURIComponent(box)}/messages/${encodeURIComponent(playing)}/audio`}
          />
        </p>
      )}
      {others.length > 0 && (
        <p>
          <label htmlFor={ids.forward}>{t('vmForwardTo')}</label>{' '}
          <select id={ids.forward} value={forwardTo} onChange={(e) => setForwardTo(e.target.value)}>
            <option value="">–</option>
            {others.map((b) => (
              <option key={b.box} value={b.box}>
                {b.box} {b.name}
              </option>
            ))}
          </select>
        </p>
      )}
      {messages.data && messages.data.length === 0 && <p className="hint">{t('vmNoMessages')}</p>}
      {messages.data && messages.data.length > 0 && (
        <table className="data-table" aria-label={t('navVoicemail')}>
          <thead>
            <tr>
              <th>{t('vmFolder')}</th>
              <th>{t('vmCaller')}</th>
              <th>{t('vmTime')}</th>
              <th>{t('vmDuration')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {messages.data.map((m) => (
              <tr key={m.id} data-id={m.id} data-folder={m.folder}>
                <td>{FOLDER_TEXT[m.folder] ? t(FOLDER_TEXT[m.folder]!) : m.folder}</td>
                <td>{m.callerName ? `${m.callerName} <${m.callerNumber}>` : m.callerNumber}</td>
                <td>{new Date(m.time).toLocaleString(language)}</td>
                <td>{m.durationSeconds}</td>
                <td>
                  <button type="button" onClick={() => setPlaying(m.id)}>
                    {t('vmPlay')}
                  </button>{' '}
                  {m.folder === 'INBOX' && (
                    <button type="button" onClick={() => void run(() => api.client.POST('/voicemail/{box}/messages/{id}/heard', path(m)))}>
                      {t('vmMarkHeard')}
                    </button>
                  )}{' '}
                  {forwardTo && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(
                          () => api.client.POST('/voicemail/{box}/messages/{id}/forward', { ...path(m), body: { box: forwardTo } }),
                          t('vmForwarded').replace('{box}', forwardTo),
                        )
                      }
                    >
                      {t('vmForward')}
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    onClick={() => {
                      if (playing === m.id) setPlaying(undefined);
                      void run(() => api.client.DELETE('/voicemail/{box}/messages/{id}', path(m)));
                    }}
                  >
                    {t('vmDelete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {box && <GreetingsPanel key={box} box={box} />}
    </section>
  );
}
