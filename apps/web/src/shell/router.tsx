import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
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
        { index: true, element: <Navigate to={flowPath(NEW_FLOW)} replace /> },
        { path: 'flows', element: <Navigate to={flowPath(NEW_FLOW)} replace /> },
        { path: 'flows/:flowId', element: null },
        ...ADMIN_PAGES.map(({ path, element }) => ({ path, element })),
        { path: '*', element: <NotFound /> },
      ],
    },
  ];
}

/** The browser router (History API) over `appRoutes`. */
export function appRouter(initial: DraftFlow) {
  return createBrowserRouter(appRoutes(initial));
}
