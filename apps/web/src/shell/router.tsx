import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { useAllowed } from '../api/session.js';
import { RoleGate } from '../auth/NotAllowed.js';
import type { DraftFlow } from '../editor/draft.js';
import { flowPath, NEW_FLOW } from './flow-url.js';
import { NotFound } from './NotFound.js';
import { ADMIN_PAGES } from './pages.js';
import { Shell } from './Shell.js';

/**
 * Every page has a URL: `/flows/:flowId` (and `/flows/new`) for the editor, `/<page>` for the admin
 * pages. The flow routes render nothing themselves: the Shell keeps the editor mounted and shows it.
 */
export function appRoutes(initial: DraftFlow): RouteObject[] {
  return [
    {
      element: <Shell initial={initial} />,
      children: [
        { index: true, element: <Home /> },
        { path: 'flows', element: <Navigate to={flowPath(NEW_FLOW)} replace /> },
        { path: 'flows/:flowId', element: null },
        ...ADMIN_PAGES.map(({ path, role, element }) => ({ path, element: <RoleGate role={role}>{element}</RoleGate> })),
        { path: '*', element: <NotFound /> },
      ],
    },
  ];
}

/** The start page: the editor for those who may edit, the dashboard for an operator. */
function Home() {
  return <Navigate to={useAllowed('editor') ? flowPath(NEW_FLOW) : '/dashboard'} replace />;
}

/** The browser router (History API) over `appRoutes`. */
export function appRouter(initial: DraftFlow) {
  return createBrowserRouter(appRoutes(initial));
}
