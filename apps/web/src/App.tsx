import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { ResourcesProvider } from './api/resources.js';
import { emptyFlow, type DraftFlow } from './editor/draft.js';
import { I18nProvider } from './i18n.js';
import { appRouter } from './shell/router.js';

/** The app: a nav over the flow editor and the admin pages, each page at its own URL. */
export function App({ initial = emptyFlow() }: { initial?: DraftFlow }) {
  const [router] = useState(() => appRouter(initial));
  return (
    <I18nProvider>
      <ResourcesProvider>
        <RouterProvider router={router} />
      </ResourcesProvider>
    </I18nProvider>
  );
}
