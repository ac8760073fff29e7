import { lazy, Suspense, type JSX } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { ErrorBoundary } from './components/ErrorBoundary';
import { RequireAuth } from './components/Guards';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { ConfigProvider } from './lib/config';
import AcceptInvitation from './pages/AcceptInvitation';
import ChangePassword from './pages/ChangePassword';
import Home from './pages/Home';
import ListingPage from './pages/Listing';
import ListingFormPage from './pages/ListingForm';
import Login from './pages/Login';
import MyListings from './pages/MyListings';
import NotFound from './pages/NotFound';
import OrganizationPage from './pages/Organization';
import PasswordReset from './pages/PasswordReset';
import Register from './pages/Register';
import SearchPage from './pages/Search';

// Officer and admin screens are loaded only by those who use them, which keeps
// the first load small for enterprises on a phone.
const VerificationQueue = lazy(() => import('./pages/officer/VerificationQueue'));
const ListingQueue = lazy(() => import('./pages/officer/ListingQueue'));
const AuditLog = lazy(() => import('./pages/officer/AuditLog'));
const Users = lazy(() => import('./pages/admin/Users'));
const Backups = lazy(() => import('./pages/admin/Backups'));
const Pipeline = lazy(() => import('./pages/officer/Pipeline'));
const Synonyms = lazy(() => import('./pages/officer/Synonyms'));
// Connections and transfers are for signed-in members: their own chunks too.
const Connections = lazy(() => import('./pages/Connections'));
const ConnectionPage = lazy(() => import('./pages/Connection'));
const Transfers = lazy(() => import('./pages/Transfers'));
const TransferPage = lazy(() => import('./pages/Transfer'));
const TransferFormPage = lazy(() => import('./pages/TransferForm'));
// Support programmes: the list and a programme for everyone, the form for officers.
const SupportPrograms = lazy(() => import('./pages/SupportPrograms'));
const SupportProgramPage = lazy(() => import('./pages/SupportProgram'));
const SupportProgramFormPage = lazy(() => import('./pages/SupportProgramForm'));
// Applications: the wizard, the dossier's page, the reviewer's sheet and the lists; the budget in public.
const SupportApplications = lazy(() => import('./pages/SupportApplications'));
const SupportApplicationPage = lazy(() => import('./pages/SupportApplication'));
const SupportApplicationFormPage = lazy(() => import('./pages/SupportApplicationForm'));
const SupportReviewPage = lazy(() => import('./pages/SupportReview'));
const SupportDashboard = lazy(() => import('./pages/SupportDashboard'));
// Public results and open data.
const Results = lazy(() => import('./pages/results/Results'));
// The plan: the officer's targets and provincial report, the agencies' reports.
const PlanOverview = lazy(() => import('./pages/plan/PlanOverview'));
const PlanForm = lazy(() => import('./pages/plan/PlanForm'));
const PlanReports = lazy(() => import('./pages/plan/Reports'));
const ReportEditor = lazy(() => import('./pages/plan/ReportEditor'));
const Notifications = lazy(() => import('./pages/Notifications'));
const NotificationSettings = lazy(() => import('./pages/NotificationSettings'));
const PublicOrganization = lazy(() => import('./pages/market/PublicOrganization'));

/** Routes for signed-in users (and, when given, one of `roles`). */
const authed = (element: JSX.Element, roles?: Parameters<typeof RequireAuth>[0]['roles']) => (
  <RequireAuth roles={roles}>{element}</RequireAuth>
);

function AppRoutes() {
  const location = useLocation();
  return (
    <Layout>
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/register" element={<Register />} />
            <Route path="/login" element={<Login />} />
            <Route path="/password-reset" element={<PasswordReset />} />
            <Route path="/invitations/:token" element={<AcceptInvitation />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/listings/:id" element={<ListingPage />} />
            <Route
              path="/listings/new"
              element={
                <RequireAuth>
                  <ListingFormPage />
                </RequireAuth>
              }
            />
            <Route
              path="/listings/:id/edit"
              element={
                <RequireAuth>
                  <ListingFormPage />
                </RequireAuth>
              }
            />
            <Route
              path="/my/listings"
              element={
                <RequireAuth>
                  <MyListings />
                </RequireAuth>
              }
            />
            <Route
              path="/account/password"
              element={
                <RequireAuth>
                  <ChangePassword />
                </RequireAuth>
              }
            />
            <Route path="/account/notifications" element={authed(<NotificationSettings />)} />
            <Route path="/notifications" element={authed(<Notifications />)} />
            <Route path="/connections" element={authed(<Connections />)} />
            <Route path="/connections/:id" element={authed(<ConnectionPage />)} />
            <Route path="/transfers" element={authed(<Transfers />)} />
            <Route path="/transfers/new" element={authed(<TransferFormPage />)} />
            <Route path="/transfers/:id" element={authed(<TransferPage />)} />
            <Route path="/transfers/:id/edit" element={authed(<TransferFormPage />)} />
            <Route path="/officer/transfers/new" element={authed(<TransferFormPage />, ['officer', 'admin'])} />
            <Route path="/support" element={<SupportPrograms />} />
            <Route path="/support/:id" element={<SupportProgramPage />} />
            <Route path="/support/dashboard" element={<SupportDashboard />} />
            <Route path="/results" element={<Results />} />
            <Route path="/organizations/:id" element={<PublicOrganization />} />
            <Route path="/support/applications" element={authed(<SupportApplications />)} />
            <Route path="/support/applications/:id" element={authed(<SupportApplicationPage />)} />
            <Route path="/support/applications/:id/edit" element={authed(<SupportApplicationFormPage />)} />
            <Route path="/support/applications/:id/review" element={authed(<SupportReviewPage />, ['reviewer'])} />
            <Route path="/support/:id/edit" element={authed(<SupportProgramFormPage />, ['officer', 'admin'])} />
            <Route path="/officer/support/new" element={authed(<SupportProgramFormPage />, ['officer', 'admin'])} />
            <Route path="/plan" element={authed(<PlanOverview />, ['officer', 'admin'])} />
            <Route path="/plan/new" element={authed(<PlanForm />, ['officer', 'admin'])} />
            <Route path="/plan/:id/edit" element={authed(<PlanForm />, ['officer', 'admin'])} />
            <Route path="/plan/reports" element={authed(<PlanReports />)} />
            <Route path="/plan/reports/:id" element={authed(<ReportEditor />)} />
            <Route path="/officer/pipeline" element={authed(<Pipeline />, ['officer', 'admin'])} />
            <Route path="/officer/synonyms" element={authed(<Synonyms />, ['officer', 'admin'])} />
            <Route
              path="/organization"
              element={
                <RequireAuth>
                  <OrganizationPage />
                </RequireAuth>
              }
            />
            <Route
              path="/organization/:id"
              element={
                <RequireAuth>
                  <OrganizationPage />
                </RequireAuth>
              }
            />
            <Route
              path="/officer/organizations"
              element={
                <RequireAuth roles={['officer', 'admin']}>
                  <VerificationQueue />
                </RequireAuth>
              }
            />
            <Route
              path="/officer/listings"
              element={
                <RequireAuth roles={['officer', 'admin']}>
                  <ListingQueue />
                </RequireAuth>
              }
            />
            <Route
              path="/audit"
              element={
                <RequireAuth roles={['officer', 'admin']}>
                  <AuditLog />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/users"
              element={
                <RequireAuth roles={['admin']}>
                  <Users />
                </RequireAuth>
              }
            />
            <Route
              path="/admin/backups"
              element={
                <RequireAuth roles={['admin']}>
                  <Backups />
                </RequireAuth>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </Layout>
  );
}

export function App() {
  return (
    <ConfigProvider>
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>
    </ConfigProvider>
  );
}
