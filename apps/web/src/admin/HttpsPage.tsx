import { useState } from 'react';
import type { Schema } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { CheckField, FileField, useDraft } from './Field.js';
import { ErrorText, OutcomeText, useRun } from './outcome.js';

type HttpsSettings = Schema<'HttpsSettings'>;

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
  const status = api.query.useQuery('get', '/https');
  const settings = api.query.useQuery('get', '/settings/https');
  const [redirect, setRedirect] = useDraft<HttpsSettings>(settings.data);
  const [chain, setChain] = useState<File>();
  const [key, setKey] = useState<File>();
  // Every action here changes the certificate or the redirect: the status shows it afterwards.
  const { busy, outcome, run } = useRun({ after: () => status.refetch() });

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
      <OutcomeText outcome={outcome} />
      <ErrorText error={status.error} />
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
            <FileField label={t('httpsChainFile')} accept=".pem,.crt,.cer" onFile={setChain} />
            <FileField label={t('httpsKeyFile')} accept=".pem,.key" onFile={setKey} />
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
          <CheckField label={t('httpsRedirect')} checked={redirect.redirectHttp} disabled={busy} onChange={(redirectHttp) => void saveRedirect({ ...redirect, redirectHttp })} />
        </>
      )}
    </section>
  );
}
