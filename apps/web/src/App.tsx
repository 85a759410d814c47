import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './api/query.js';
import { ApiProvider } from './api/useApi.js';
import { SessionGate } from './auth/SessionGate.js';
import { emptyFlow, type DraftFlow } from './editor/draft.js';
import { I18nProvider } from './i18n.js';
import { appRouter } from './shell/router.js';

/** The app: a nav over the flow editor and the admin pages, each page at its own URL. */
export function App({ initial = emptyFlow() }: { initial?: DraftFlow }) {
  const [router] = useState(() => appRouter(initial));
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider>
      <ApiProvider>
        <QueryClientProvider client={queryClient}>
          <SessionGate>
            <RouterProvider router={router} />
          </SessionGate>
        </QueryClientProvider>
      </ApiProvider>
    </I18nProvider>
  );
}
