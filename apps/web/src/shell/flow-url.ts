import { createContext, useContext } from 'react';

/** The id in `/flows/new`: a flow not saved yet. */
export const NEW_FLOW = 'new';

/** The editor's URL for a flow id (or `NEW_FLOW`). */
export function flowPath(flowId: string): string {
  return `/flows/${encodeURIComponent(flowId)}`;
}

/** Where the mounted editor is: the flow of the last `/flows/:flowId` URL, and whether that URL is shown now. */
export interface EditorRoute {
  /** The id from the URL, `NEW_FLOW` for `/flows/new`; kept while an admin page is shown. */
  flowId: string;
  /** The URL is the editor's (not an admin page). */
  visible: boolean;
}

export const EditorRouteContext = createContext<EditorRoute | null>(null);

/**
 * The flow id of the editor's URL. The editor stays mounted while an admin page shows (its URL has
 * no flow id), so this is the id of the last flow URL, not `useParams()` of whatever is shown now.
 * Throws outside the app's shell.
 */
export function useEditorRoute(): EditorRoute {
  const route = useContext(EditorRouteContext);
  if (!route) throw new Error('useEditorRoute() needs the app shell (shell/Shell.tsx) above it');
  return route;
}
