import type { ReactNode } from 'react';
import { AnalyticsPage } from '../analytics/AnalyticsPage.js';
import { AuditPage } from '../audit/AuditPage.js';
import { AlertsPage } from '../admin/AlertsPage.js';
import { BackupsPage } from '../admin/BackupsPage.js';
import { Dashboard } from '../admin/Dashboard.js';
import { HttpsPage } from '../admin/HttpsPage.js';
import { conferenceSpec, extensionSpec, queueSpec, trunkSpec } from '../admin/pages.js';
import { PromptsPage } from '../admin/PromptsPage.js';
import { ResourcePage } from '../admin/ResourcePage.js';
import { RoutesPage } from '../admin/routes.js';
import type { Role } from '../api/session.js';
import { UsersPage } from '../auth/UsersPage.js';
import { TokensPage } from '../ops/TokensPage.js';
import { RecordingsPage } from '../recordings/RecordingsPage.js';
import { HistoryPage } from '../history/HistoryPage.js';
import { OutboxPage } from '../voicemail/OutboxPage.js';
import { VoicemailPage } from '../voicemail/VoicemailPage.js';
import type { TextKey } from '../i18n.js';

/**
 * The admin pages in the nav's order, each at `/<path>`, with the least role that sees it (the
 * server's roles: a page is offered where its writes are allowed, so nobody meets a 403 button).
 */
export const ADMIN_PAGES: readonly { path: string; label: TextKey; role: Role; element: ReactNode }[] = [
  { path: 'dashboard', label: 'navDashboard', role: 'operator', element: <Dashboard /> },
  { path: 'voicemail', label: 'navVoicemail', role: 'operator', element: <VoicemailPage /> },
  { path: 'extensions', label: 'navExtensions', role: 'admin', element: <ResourcePage key="extensions" spec={extensionSpec} /> },
  { path: 'trunks', label: 'navTrunks', role: 'admin', element: <ResourcePage key="trunks" spec={trunkSpec} /> },
  { path: 'routes', label: 'navRoutes', role: 'admin', element: <RoutesPage /> },
  { path: 'queues', label: 'navQueues', role: 'admin', element: <ResourcePage key="queues" spec={queueSpec} /> },
  { path: 'conferences', label: 'navConferences', role: 'admin', element: <ResourcePage key="conferences" spec={conferenceSpec} /> },
  { path: 'prompts', label: 'navPrompts', role: 'editor', element: <PromptsPage /> },
  { path: 'users', label: 'navUsers', role: 'admin', element: <UsersPage /> },
  { path: 'tokens', label: 'navTokens', role: 'admin', element: <TokensPage /> },
  { path: 'backups', label: 'navBackups', role: 'admin', element: <BackupsPage /> },
  { path: 'https', label: 'navHttps', role: 'admin', element: <HttpsPage /> },
  { path: 'recordings', label: 'navRecordings', role: 'operator', element: <RecordingsPage /> },
  { path: 'history', label: 'navHistory', role: 'operator', element: <HistoryPage /> },
  { path: 'analytics', label: 'navAnalytics', role: 'admin', element: <AnalyticsPage /> },
  { path: 'audit', label: 'navAudit', role: 'admin', element: <AuditPage /> },
  { path: 'alerts', label: 'navAlerts', role: 'admin', element: <AlertsPage /> },
  { path: 'voicemail-outbox', label: 'navVoicemailOutbox', role: 'admin', element: <OutboxPage /> },
];
