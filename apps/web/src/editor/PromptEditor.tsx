import { useId } from 'react';
import { useI18n } from '../i18n.js';
import { Options } from './Options.js';

type PromptValue = { kind: 'tts'; text: { de?: string; en?: string } } | { kind: 'sound'; name: string } | { kind: 'upload'; id: string };

function asPrompt(value: unknown): PromptValue {
  const v = value as Partial<PromptValue> | undefined;
  if (v?.kind === 'sound' || v?.kind === 'upload' || v?.kind === 'tts') return v as PromptValue;
  return { kind: 'tts', text: {} };
}

/** A prompt: text-to-speech in German and English, an Asterisk sound, or an uploaded prompt. */
export function PromptEditor({ label, value, onChange, uploads }: { label: string; value: unknown; onChange: (value: unknown) => void; uploads?: string[] }) {
  const { t } = useI18n();
  const ids = { kind: useId(), de: useId(), en: useId(), name: useId() };
  const prompt = asPrompt(value);
  const setText = (language: 'de' | 'en', text: string) => {
    const current = prompt.kind === 'tts' ? { ...prompt.text } : {};
    if (text === '') delete current[language];
    else current[language] = text;
    onChange({ kind: 'tts', text: current });
  };
  return (
    <fieldset className="prompt-editor">
      <legend>{label}</legend>
      <label htmlFor={ids.kind}>{t('promptKind')}</label>
      <select
        id={ids.kind}
        value={prompt.kind}
        onChange={(e) => {
          const kind = e.target.value;
          onChange(kind === 'tts' ? { kind, text: {} } : kind === 'sound' ? { kind, name: 'beep' } : { kind, id: '' });
        }}
      >
        <option value="tts">{t('promptTts')}</option>
        <option value="sound">{t('promptSound')}</option>
        <option value="upload">{t('promptUpload')}</option>
      </select>
      {prompt.kind === 'tts' && (
        <>
          <label htmlFor={ids.de}>
            {t('promptText')} ({t('german')})
          </label>
          <textarea id={ids.de} rows={2} value={prompt.text.de ?? ''} onChange={(e) => setText('de', e.target.value)} />
          <label htmlFor={ids.en}>
            {t('promptText')} ({t('english')})
          </label>
          <textarea id={ids.en} rows={2} value={prompt.text.en ?? ''} onChange={(e) => setText('en', e.target.value)} />
        </>
      )}
      {prompt.kind === 'upload' && uploads && (
        <>
          <label htmlFor={ids.name}>{t('promptUploadId')}</label>
          <select id={ids.name} className="picker" value={prompt.id} onChange={(e) => onChange({ kind: 'upload', id: e.target.value })}>
            <Options first="—" current={prompt.id} values={uploads} />
          </select>
        </>
      )}
      {(prompt.kind === 'sound' || (prompt.kind === 'upload' && !uploads)) && (
        <>
          <label htmlFor={ids.name}>{t(prompt.kind === 'sound' ? 'promptSoundName' : 'promptUploadId')}</label>
          <input
            id={ids.name}
            value={prompt.kind === 'sound' ? prompt.name : prompt.id}
            onChange={(e) => onChange(prompt.kind === 'sound' ? { kind: 'sound', name: e.target.value } : { kind: 'upload', id: e.target.value })}
          />
        </>
      )}
    </fieldset>
  );
}
