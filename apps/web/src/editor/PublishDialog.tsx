import type { PublishPreview, PublishResult } from '../api/client.js';
import { useI18n } from '../i18n.js';
import { isUnchanged, type FlowChanges } from './changes.js';
import type { DraftFlow, EditorDiagnostic } from './draft.js';

/** Why the server refused (a publish or its dry run). */
export interface Refusal {
  status: number;
  reason: string;
  issues: string[];
  /** The version frozen for the refused publish; it is marked refused and never released. */
  refusedVersion?: number;
}

/** The server's dry run for the confirmation. */
export type PreviewState = { state: 'loading' } | ({ state: 'ok' } & PublishPreview) | ({ state: 'refused' } & Refusal);

/** The state of the publish dialog. */
export type PublishStep =
  | { kind: 'closed' }
  | { kind: 'confirm'; changes: FlowChanges; nextVersion: number; preview?: PreviewState }
  | { kind: 'working' }
  | { kind: 'done'; version: number; result: PublishResult; rollbackOf?: number }
  | ({ kind: 'refused' } & Refusal);

/** One collapsible unified diff per generated file. */
function FileDiffs({ diff }: { diff: Record<string, string> }) {
  return (
    <div className="file-diffs" data-testid="file-diffs">
      {Object.entries(diff).map(([file, text]) => (
        <details key={file} data-file={file}>
          <summary>
            {file} <span className="hint">(+{text.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length} / −{text.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length})</span>
          </summary>
          <pre className="diff">
            {text.split('\n').map((line, i) => (
              <span key={i} className={line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : undefined}>
                {line}
                {'\n'}
              </span>
            ))}
          </pre>
        </details>
      ))}
    </div>
  );
}

function RefusalText({ refusal }: { refusal: Refusal }) {
  const { t } = useI18n();
  return (
    <>
      <p>
        <strong>{t('publishRefused')}</strong> {refusal.reason}
      </p>
      {refusal.issues.length > 0 && (
        <ul>
          {refusal.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function ChangeList({ changes }: { changes: FlowChanges }) {
  const { t } = useI18n();
  if (isUnchanged(changes)) return <p data-testid="changes">{t('noChanges')}</p>;
  const rows: [string, string[]][] = [
    [t('nodesAdded'), changes.added],
    [t('nodesRemoved'), changes.removed],
    [t('nodesChanged'), changes.changed],
  ];
  return (
    <ul data-testid="changes">
      {rows
        .filter(([, ids]) => ids.length > 0)
        .map(([label, ids]) => (
          <li key={label}>
            {label}: {ids.join(', ')}
          </li>
        ))}
      {changes.edgesAdded + changes.edgesRemoved > 0 && (
        <li>
          {t('edgesChanged')}: +{changes.edgesAdded} / −{changes.edgesRemoved}
        </li>
      )}
    </ul>
  );
}

/** The confirmation (validation, flow changes, the server's per-file dry run), then the result or the refusal. */
export function PublishDialog({ step, flow, errors, onPublish, onClose }: { step: PublishStep; flow: DraftFlow; errors: EditorDiagnostic[]; onPublish(): void; onClose(): void }) {
  const { t, pick } = useI18n();
  if (step.kind === 'closed') return null;
  const preview = step.kind === 'confirm' ? step.preview : undefined;
  // A dry run that does not compile blocks; an unreachable Asterisk (503) does not: the publish says why.
  const blocked = errors.length > 0 || preview?.state === 'loading' || (preview?.state === 'refused' && preview.status === 422);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={t('publishTitle')}>
        <h2>{t('publishTitle')}</h2>
        {step.kind === 'confirm' && (
          <>
            <p>
              {t('publishWhat')
                .replace('{flow}', `${flow.name} (${flow.id})`)
                .replace('{v}', String(step.nextVersion))}
            </p>
            {errors.length > 0 ? (
              <div className="error" role="alert" data-testid="publish-blocked">
                <p>{t('publishBlocked').replace('{n}', String(errors.length))}</p>
                <ul>
                  {errors.map((d, i) => (
                    <li key={i}>
                      {d.nodeId ? `${d.nodeId}: ` : ''}
                      {pick(d.message)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="ok">{t('noDiagnostics')}</p>
            )}
            <h3>{t('changes')}</h3>
            <ChangeList changes={step.changes} />
            <h3>{t('fileChanges')}</h3>
            <div data-testid="preview">
              {preview === undefined && <p className="hint">{t('previewAfterFix')}</p>}
              {preview?.state === 'loading' && <p role="status">{t('previewLoading')}</p>}
              {preview?.state === 'ok' &&
                (preview.changedFiles.length === 0 ? <p>{t('previewNoFiles')}</p> : <FileDiffs diff={preview.diff} />)}
              {preview?.state === 'refused' && (
                <div className={preview.status === 422 ? 'error' : 'hint'} role={preview.status === 422 ? 'alert' : undefined} data-testid="preview-refused">
                  {preview.status === 422 ? <RefusalText refusal={preview} /> : <p>{t('previewUnavailable').replace('{reason}', preview.reason)}</p>}
                </div>
              )}
            </div>
            <p className="hint">{t('publishHow')}</p>
            <div className="modal-buttons">
              <button type="button" className="primary" disabled={blocked} onClick={onPublish}>
                {t('publishNow')}
              </button>
              <button type="button" onClick={onClose}>
                {t('cancel')}
              </button>
            </div>
          </>
        )}
        {step.kind === 'working' && <p role="status">{t('publishing')}</p>}
        {step.kind === 'done' && (
          <div role="status" data-testid="publish-result">
            <p className="ok">
              {(step.rollbackOf !== undefined ? t('rollbackApplied').replace('{old}', String(step.rollbackOf)) + ' ' : '') +
                t(step.result.outcome === 'applied' ? 'publishApplied' : 'publishUnchanged').replace('{v}', String(step.version))}
            </p>
            {step.result.changedFiles.length > 0 && <FileDiffs diff={step.result.diff} />}
          </div>
        )}
        {step.kind === 'refused' && (
          <div role="alert" className="refused" data-testid="publish-refused">
            <RefusalText refusal={step} />
            <p className="hint">{step.refusedVersion !== undefined ? t('refusedAfterFreeze').replace('{v}', String(step.refusedVersion)) : t('refusedNothing')}</p>
          </div>
        )}
        {(step.kind === 'done' || step.kind === 'refused') && (
          <div className="modal-buttons">
            <button type="button" onClick={onClose}>
              {t('close')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
