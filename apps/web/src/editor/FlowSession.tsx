import { useEffect, useRef, useState } from 'react';
import { useBlocker, useLocation } from 'react-router';
import { useResources } from '../api/resources.js';
import { reasonOf, useApi } from '../api/useApi.js';
import { useI18n } from '../i18n.js';
import { NEW_FLOW as NEW_FLOW_URL, useEditorRoute } from '../shell/flow-url.js';
import { emptyFlow } from './draft.js';
import { isDirty, type EditorStoreState } from './editor-store.js';
import { readFlow, readFlowVersion } from './flow-api.js';
import { flowIdFor } from './flow-id.js';
import { dropLocalDraft, keepLocalDraft, NEW_FLOW, readLocalDraft } from './local-drafts.js';
import { useEditorStore } from './store.js';

/** Where the unsaved changes of this state are kept: its flow id, or the one slot of a new flow. */
const slotOf = (s: EditorStoreState) => (s.session.revision === null ? NEW_FLOW : s.editor.flow.id);
/** Writing the browser's storage on every drag step would stall a large flow: changes are kept this long after the last one. */
const KEEP_AFTER_MS = 300;

/**
 * The open flow's life against the URL, the server and the browser: opens the flow the URL names
 * (with its unsaved changes kept in the browser over it), keeps unsaved changes per flow until they
 * are saved, and asks before the admin leaves them (another flow's URL, a reload, closing the tab).
 */
export function FlowSession() {
  const { t } = useI18n();
  const { flowId } = useEditorRoute();
  const store = useEditorStore();
  const api = useApi();
  const { resources, refresh } = useResources();
  const takenIds = useRef<string[]>([]);
  takenIds.current = resources?.flows ?? [];
  const [error, setError] = useState<string>();
  // A call of the history opened at the version it ran on (`?version=`, history/call-path.ts).
  const version = Number(new URLSearchParams(useLocation().search).get('version')) || undefined;
  const [shownVersion, setShownVersion] = useState<number>();
  const started = useRef(false);
  // Read when a new flow starts: a change of language does not open the flow again.
  const newName = useRef(t('newFlowName'));
  newName.current = t('newFlowName');

  // The flow of the URL: a deep link, a reload, Back and Forward, "Neu", a flow picked from the list.
  useEffect(() => {
    const first = !started.current;
    started.current = true;
    setError(undefined);
    const { editor, session, open } = store.getState();
    if (flowId === NEW_FLOW_URL) {
      // Back from an admin page to the new flow being drawn: it stays.
      if (!first && session.revision === null) return;
      const local = readLocalDraft(localStorage, NEW_FLOW);
      const name = local?.flow.name ?? newName.current;
      open(emptyFlow(local?.flow.id ?? flowIdFor(name, takenIds.current), name), null, local);
      return;
    }
    if (version === undefined && editor.flow.id === flowId && session.revision !== null) return; // open already (just saved)
    let current = true;
    setShownVersion(undefined);
    // The lists come in with the flow, so its first check sees what it refers to as the server has it now.
    Promise.all([readFlow(api, flowId), version === undefined ? undefined : readFlowVersion(api, flowId, version), refresh()]).then(
      ([stored, old]) => {
        if (!current) return;
        const local = readLocalDraft(localStorage, flowId);
        // A version over the draft's revision: saving it makes it the draft. Unsaved changes of the
        // flow win (they would be lost otherwise); the path is lit on them as far as the ids match.
        if (old && !local) {
          open(old, stored.revision);
          setShownVersion(version);
        } else open(stored.draft, stored.revision, local);
      },
      (e: unknown) => current && setError(reasonOf(e)),
    );
    return () => {
      current = false;
    };
  }, [flowId, version, store, api, refresh]);

  // Unsaved changes are kept per flow a moment after the last one, and at once when the page goes.
  useEffect(() => {
    let pending: EditorStoreState | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const keep = () => {
      clearTimeout(timer);
      const s = pending;
      pending = undefined;
      if (!s) return;
      try {
        if (isDirty(s)) keepLocalDraft(localStorage, slotOf(s), s.editor.flow, s.session.revision);
        else dropLocalDraft(localStorage, slotOf(s));
      } catch (e) {
        setError(`${t('notKept')}: ${(e as Error).message}`);
      }
    };
    const unsubscribe = store.subscribe((s, before) => {
      if (s.editor.flow === before.editor.flow && s.session === before.session) return;
      // Another flow opened: the one before is kept (or dropped) first, as it was.
      if (pending && slotOf(pending) !== slotOf(s)) keep();
      pending = s;
      clearTimeout(timer);
      timer = setTimeout(keep, KEEP_AFTER_MS);
    });
    window.addEventListener('pagehide', keep);
    return () => {
      unsubscribe();
      keep();
      window.removeEventListener('pagehide', keep);
    };
  }, [store, t]);

  // Leaving the flow asks first: another flow in the app (admin pages keep the editor as it is) ...
  const blocker = useBlocker(({ nextLocation }) => {
    const s = store.getState();
    return isDirty(s) && nextLocation.pathname.startsWith('/flows/') && nextLocation.pathname !== `/flows/${encodeURIComponent(flowId)}`;
  });
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('leaveConfirm').replace('{name}', store.getState().editor.flow.name))) blocker.proceed();
    else blocker.reset();
  }, [blocker, store, t]);
  // ... and a reload or closing the tab, with the browser's own question.
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if (isDirty(store.getState())) event.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [store]);

  if (error) {
    return (
      <p className="error flow-load-error" role="alert">
        {flowId}: {error}
      </p>
    );
  }
  return shownVersion === undefined ? null : (
    <p className="hint flow-version-shown" data-testid="flow-version-shown">
      {t('histCallShown').replace('{version}', String(shownVersion))}
    </p>
  );
}
