import { useEffect, useId, useState } from 'react';
import { ApiError, type Schema } from '../api/client.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';

type HttpsSettings = Schema<'HttpsSettings'>;

/** A failure as the server said it: its field problems, else its message. */
function problemText(e: unknown): string {
  return e instanceof ApiError && e.issues.length ? e.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : reasonOf(e);
}

/** The HTTPS address of the host this page was opened on, as a link. */
function HttpsAddress({ port, text }: { port: number; text: string }) {
  // location.hostname keeps an IPv6 address's brackets, so it goes into a URL as it is.
  const url = `https://${window.location.hostname}:${port}`;
  const [before, after] = text.replace('{port}', String(port)).split('{url}');
  return (
    <p data-testid="https-address">
      {before}
      <a href={url}>{url}</a>
      {after}
    </p>
  );
}

/** HTTPS: the certificate served (to compare with the browser's warning), an upload, a new self-signed one, and the redirect (settings section `https`). */
export function HttpsPage() {
  const { t } = useI18n();
  const api = useApi();
  const ids = { chain: useId(), key: useId(), redirect: useId() };
  const status = api.query.useQuery('get', '/https');
  const settings = api.query.useQuery('get', '/settings/https');
  const [redirect, setRedirect] = useState<HttpsSettings>();
  const [chain, setChain] = useState<File>();
  const [key, setKey] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  useEffect(() => {
    if (settings.data) setRedirect(settings.data);
  }, [settings.data]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage({ error: false, text: await work() });
      await status.refetch();
    } catch (e) {
      setMessage({ error: true, text: problemText(e) });
    } finally {
      setBusy(false);
    }
  };

  const upload = () =>
    run(async () => {
      if (!chain || !key) throw new Error(t('checkRequired'));
      const { data } = await api.client.PUT('/https/certificate', { body: { certificate: await chain.text(), key: await key.text() } });
      return t('httpsUploaded').replace('{subject}', data!.subject);
    });

  const generate = () => {
    if (!window.confirm(t('httpsGenerateConfirm'))) return;
    void run(async () => {
      const { data } = await api.client.POST('/https/certificate/generate');
      return t('httpsGenerated').replace('{fingerprint}', data!.fingerprint256);
    });
  };

  const saveRedirect = (next: HttpsSettings) =>
    run(async () => {
      const { data } = await api.client.PUT('/settings/https', { body: next });
      setRedirect(data);
      return t('backupSaved');
    });

  const cert = status.data?.certificate;
  const fromFiles = cert?.source === 'files';
  return (
    <section className="admin-page" aria-label={t('navHttps')}>
      <h2>{t('navHttps')}</h2>
      {message && (
        <p className={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {status.error && (
        <p className="error" role="alert">
          {reasonOf(status.error)}
        </p>
      )}
      {status.data && !status.data.enabled && <p className="hint">{t('httpsOff')}</p>}
      {status.data?.enabled && <HttpsAddress port={status.data.port!} text={t('httpsAddress')} />}

      {cert && (
        <>
          <h3>{t('httpsCertificate')}</h3>
          <dl className="certificate" data-testid="certificate">
            <dt>{t('httpsSubject')}</dt>
            <dd>{cert.subject}</dd>
            <dt>{t('httpsIssuer')}</dt>
            <dd>{cert.issuer}</dd>
            <dt>{t('httpsKind')}</dt>
            <dd>{cert.selfSigned ? t('httpsSelfSigned') : t('httpsIssued')}</dd>
            <dt>{t('httpsNames')}</dt>
            <dd>{cert.names.join(', ')}</dd>
            <dt>{t('httpsValidTo')}</dt>
            <dd>
              <time dateTime={cert.validTo}>{new Date(cert.validTo).toLocaleString()}</time>
            </dd>
            <dt>{t('httpsFingerprint')}</dt>
            <dd>
              <code data-testid="fingerprint">{cert.fingerprint256}</code>
            </dd>
          </dl>
          <p className="hint">{t('httpsFingerprintHint')}</p>
          {fromFiles && <p className="hint">{t('httpsFromFiles')}</p>}
        </>
      )}

      {cert && !fromFiles && (
        <>
          <h3>{t('httpsUpload')}</h3>
          <p className="hint">{t('httpsUploadHint')}</p>
          <form className="resource-form" aria-label={t('httpsUpload')} onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor={ids.chain}>{t('httpsChainFile')}</label>
              <input id={ids.chain} type="file" accept=".pem,.crt,.cer" onChange={(e) => setChain(e.target.files?.[0])} />
            </div>
            <div className="field">
              <label htmlFor={ids.key}>{t('httpsKeyFile')}</label>
              <input id={ids.key} type="file" accept=".pem,.key" onChange={(e) => setKey(e.target.files?.[0])} />
            </div>
            <button type="button" disabled={busy || !chain || !key} onClick={() => void upload()}>
              {t('httpsUploadButton')}
            </button>
          </form>

          <h3>{t('httpsGenerate')}</h3>
          <p className="hint">{t('httpsGenerateHint')}</p>
          <button type="button" disabled={busy} onClick={generate}>
            {t('httpsGenerate')}
          </button>
        </>
      )}

      {redirect && status.data?.enabled && (
        <>
          <h3>{t('httpsRedirect')}</h3>
          <p className="hint">{t('httpsRedirectHint')}</p>
          <div className="field">
            <label htmlFor={ids.redirect}>
              <input id={ids.redirect} type="checkbox" checked={redirect.redirectHttp} disabled={busy} onChange={(e) => void saveRedirect({ ...redirect, redirectHttp: e.target.checked })} />{' '}
              {t('httpsRedirect')}
            </label>
          </div>
        </>
      )}
    </section>
  );
}
