// The route table: public pages, the signed-in shell, and each page loaded on demand (code-split).
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { homePath } from '../auth/access';
import { Loading } from '../components/States';
import { mayOpen, type PageId } from './nav';
import { Shell } from './Shell';

const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const UsageDocPage = lazy(() => import('../pages/usage-doc/UsageDocPage'));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage'));
const ProvidersPage = lazy(() => import('../pages/providers/ProvidersPage'));
const UsersPage = lazy(() => import('../pages/users/UsersPage'));
const UserDetailPage = lazy(() => import('../pages/users/UserDetailPage'));
const KeysPage = lazy(() => import('../pages/keys/KeysPage'));
const LogsPage = lazy(() => import('../pages/logs/LogsPage'));
const LeaderboardPage = lazy(() => import('../pages/leaderboard/LeaderboardPage'));
const PricesPage = lazy(() => import('../pages/prices/PricesPage'));
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const DocsPage = lazy(() => import('../pages/docs/DocsPage'));
const MyUsagePage = lazy(() => import('../pages/me/MyUsagePage'));
// backup and configuration transfer
const BackupPage = lazy(() => import('../pages/backup/BackupPage'));
const ErrorRulesPage = lazy(() => import('../pages/error-rules/ErrorRulesPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
const ContentRulesPage = lazy(() => import('../pages/content-rules/ContentRulesPage'));
const NotificationsPage = lazy(() => import('../pages/notifications/NotificationsPage'));
// Operations
const AvailabilityPage = lazy(() => import('../pages/availability/AvailabilityPage'));
const SessionsPage = lazy(() => import('../pages/sessions/SessionsPage'));
const SessionDetailPage = lazy(() => import('../pages/sessions/SessionDetailPage'));
const StatusPage = lazy(() => import('../pages/status/StatusPage'));
// Issue 23
const SetupPage = lazy(() => import('../pages/usage-doc/SetupPage'));

/** Renders the signed-in shell, or sends the visitor to the login page (remembering where they wanted to go). */
function RequireSession() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    const from = `${location.pathname}${location.search}`;
    const query = new URLSearchParams();
    if (from !== '/') query.set('from', from);
    if (state.expired) query.set('expired', '1');
    const search = query.toString();
    return <Navigate to={`/login${search ? `?${search}` : ''}`} replace />;
  }
  return <Shell />;
}

/** A page only some principals may open; others go to their home page. */
function Guard({ page, children }: { page: PageId; children: ReactNode }) {
  const { state } = useAuth();
  if (state.status !== 'signed-in') return null;
  if (!mayOpen(page, state.access)) return <Navigate to={homePath(state.access)} replace />;
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/usage" element={<UsageDocPage />} />
        <Route path="/status" element={<StatusPage />} />
        <Route element={<RequireSession />}>
          <Route
            index
            element={
              <Guard page="dashboard">
                <DashboardPage />
              </Guard>
            }
          />
          <Route
            path="me"
            element={
              <Guard page="me">
                <MyUsagePage />
              </Guard>
            }
          />
          <Route
            path="providers"
            element={
              <Guard page="providers">
                <ProvidersPage />
              </Guard>
            }
          />
          <Route
            path="users"
            element={
              <Guard page="users">
                <UsersPage />
              </Guard>
            }
          />
          <Route
            path="users/:id"
            element={
              <Guard page="users">
                <UserDetailPage />
              </Guard>
            }
          />
          <Route
            path="keys"
            element={
              <Guard page="keys">
                <KeysPage />
              </Guard>
            }
          />
          <Route
            path="logs/:id?"
            element={
              <Guard page="logs">
                <LogsPage />
              </Guard>
            }
          />
          <Route
            path="leaderboard"
            element={
              <Guard page="leaderboard">
                <LeaderboardPage />
              </Guard>
            }
          />
          <Route
            path="prices"
            element={
              <Guard page="prices">
                <PricesPage />
              </Guard>
            }
          />
          <Route
            path="settings"
            element={
              <Guard page="settings">
                <SettingsPage />
              </Guard>
            }
          />
          <Route
            path="audit"
            element={
              <Guard page="audit">
                <AuditPage />
              </Guard>
            }
          />
          <Route
            path="docs"
            element={
              <Guard page="docs">
                <DocsPage />
              </Guard>
            }
          />
          {/* backup and configuration transfer */}
          <Route
            path="backup"
            element={
              <Guard page="backup">
                <BackupPage />
              </Guard>
            }
          />
          {/* operator rules */}
          <Route
            path="content-rules"
            element={
              <Guard page="contentRules">
                <ContentRulesPage />
              </Guard>
            }
          />
          {/* notifications */}
          <Route
            path="notifications"
            element={
              <Guard page="notifications">
                <NotificationsPage />
              </Guard>
            }
          />
          {/* Operations */}
          <Route
            path="availability"
            element={
              <Guard page="availability">
                <AvailabilityPage />
              </Guard>
            }
          />
          <Route
            path="sessions"
            element={
              <Guard page="sessions">
                <SessionsPage />
              </Guard>
            }
          />
          <Route
            path="sessions/:sessionId"
            element={
              <Guard page="sessions">
                <SessionDetailPage />
              </Guard>
            }
          />
          {/* error rules */}
          <Route
            path="error-rules"
            element={
              <Guard page="errorRules">
                <ErrorRulesPage />
              </Guard>
            }
          />
          {/* Issue 23: the setup guide inside the console */}
          <Route
            path="setup"
            element={
              <Guard page="setup">
                <SetupPage />
              </Guard>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
