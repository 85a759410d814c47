import type { ReactNode } from 'react';
import { BackupsPage } from '../admin/BackupsPage.js';
import { Dashboard } from '../admin/Dashboard.js';
import { conferenceSpec, extensionSpec, queueSpec, trunkSpec } from '../admin/pages.js';
import { PromptsPage } from '../admin/PromptsPage.js';
import { ResourcePage } from '../admin/ResourcePage.js';
import { RoutesPage } from '../admin/routes.js';
import type { TextKey } from '../i18n.js';

/** The admin pages in the nav's order, each at `/<path>`. */
export const ADMIN_PAGES: readonly { path: string; label: TextKey; element: ReactNode }[] = [
  { path: 'dashboard', label: 'navDashboard', element: <Dashboard /> },
  { path: 'extensions', label: 'navExtensions', element: <ResourcePage key="extensions" spec={extensionSpec} /> },
  { path: 'trunks', label: 'navTrunks', element: <ResourcePage key="trunks" spec={trunkSpec} /> },
  { path: 'routes', label: 'navRoutes', element: <RoutesPage /> },
  { path: 'queues', label: 'navQueues', element: <ResourcePage key="queues" spec={queueSpec} /> },
  { path: 'conferences', label: 'navConferences', element: <ResourcePage key="conferences" spec={conferenceSpec} /> },
  { path: 'prompts', label: 'navPrompts', element: <PromptsPage /> },
  { path: 'backups', label: 'navBackups', element: <BackupsPage /> },
];
