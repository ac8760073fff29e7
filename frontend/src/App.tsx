import { Suspense, useEffect, type JSX } from 'react';
import { matchPath, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { ErrorBoundary } from './components/ErrorBoundary';
import { RequireAuth } from './components/Guards';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { ConfigProvider } from './lib/config';
import { lazyPage, type LazyPage } from './lib/lazyPage';
import { loadSignedInMessages } from './i18n';
import { pathWithoutLanguage } from './i18n/url';

// Every page is its own chunk: a visitor on a phone downloads the code of the
// page they open (preloaded beside the messages, see main.tsx) and nothing else.
const Home = lazyPage(() => import('./pages/Home'), { public: true });
const SearchPage = lazyPage(() => import('./pages/Search'), { public: true });
const ListingPage = lazyPage(() => import('./pages/Listing'), { public: true });
const NotFound = lazyPage(() => import('./pages/NotFound'), { public: true });
const Login = lazyPage(() => import('./pages/Login'));
const Register = lazyPage(() => import('./pages/Register'));
const PasswordReset = lazyPage(() => import('./pages/PasswordReset'));
const AcceptInvitation = lazyPage(() => import('./pages/AcceptInvitation'));
const ListingFormPage = lazyPage(() => import('./pages/ListingForm'));
const MyListings = lazyPage(() => import('./pages/MyListings'));
const ChangePassword = lazyPage(() => import('./pages/ChangePassword'));
const OrganizationPage = lazyPage(() => import('./pages/Organization'));

// Officer and admin screens are loaded only by those who use them, which keeps
// the first load small for enterprises on a phone.
const VerificationQueue = lazyPage(() => import('./pages/officer/VerificationQueue'));
const ListingQueue = lazyPage(() => import('./pages/officer/ListingQueue'));
const AuditLog = lazyPage(() => import('./pages/officer/AuditLog'));
const Users = lazyPage(() => import('./pages/admin/Users'));
const Backups = lazyPage(() => import('./pages/admin/Backups'));
const Pipeline = lazyPage(() => import('./pages/officer/Pipeline'));
const Synonyms = lazyPage(() => import('./pages/officer/Synonyms'));
// Connections and transfers are for signed-in members: their own chunks too.
const Connections = lazyPage(() => import('./pages/Connections'));
const ConnectionPage = lazyPage(() => import('./pages/Connection'));
const Transfers = lazyPage(() => import('./pages/Transfers'));
const TransferPage = lazyPage(() => import('./pages/Transfer'));
const TransferFormPage = lazyPage(() => import('./pages/TransferForm'));
// Support programmes: the list and a programme for everyone, the form for officers.
const SupportPrograms = lazyPage(() => import('./pages/SupportPrograms'), { public: true });
const SupportProgramPage = lazyPage(() => import('./pages/SupportProgram'), { public: true });
const SupportProgramFormPage = lazyPage(() => import('./pages/SupportProgramForm'));
// Applications: the wizard, the dossier's page, the reviewer's sheet and the lists; the budget in public.
const SupportApplications = lazyPage(() => import('./pages/SupportApplications'));
const SupportApplicationPage = lazyPage(() => import('./pages/SupportApplication'));
const SupportApplicationFormPage = lazyPage(() => import('./pages/SupportApplicationForm'));
const SupportReviewPage = lazyPage(() => import('./pages/SupportReview'));
const SupportDashboard = lazyPage(() => import('./pages/SupportDashboard'), { public: true });
// Public results and open data.
const Results = lazyPage(() => import('./pages/results/Results'), { public: true });
// The plan: the officer's targets and provincial report, the agencies' reports.
const PlanOverview = lazyPage(() => import('./pages/plan/PlanOverview'));
const PlanForm = lazyPage(() => import('./pages/plan/PlanForm'));
const PlanReports = lazyPage(() => import('./pages/plan/Reports'));
const ReportEditor = lazyPage(() => import('./pages/plan/ReportEditor'));
const Notifications = lazyPage(() => import('./pages/Notifications'));
const NotificationSettings = lazyPage(() => import('./pages/NotificationSettings'));
// Events: the list and an event's page in public, the officer's form and queue, the register form.
const Events = lazyPage(() => import('./pages/events/Events'), { public: true });
const EventPage = lazyPage(() => import('./pages/events/EventPage'), { public: true });
const EventForm = lazyPage(() => import('./pages/events/EventForm'));
const EventRegister = lazyPage(() => import('./pages/events/EventRegister'));
const EventRegistrations = lazyPage(() => import('./pages/events/EventRegistrations'));
// Events: a registration's B2B agenda, the officer's scheduler.
const EventAgenda = lazyPage(() => import('./pages/events/Agenda'));
const EventSchedule = lazyPage(() => import('./pages/events/Schedule'));
// Events: a registration's B2B meetings, the door's check-in, the deal log.
const EventMeetings = lazyPage(() => import('./pages/events/Meetings'));
const EventCheckIn = lazyPage(() => import('./pages/events/CheckIn'));
const EventDeals = lazyPage(() => import('./pages/events/Deals'));
const PublicOrganization = lazyPage(() => import('./pages/market/PublicOrganization'), { public: true });
// Events: a showcase on its own page (where booth QR codes lead), the officer's results report.
const EventShowcase = lazyPage(() => import('./pages/events/ShowcasePage'), { public: true });
const EventReport = lazyPage(() => import('./pages/events/EventReport'));
// Commissioned S&T tasks: proposals, identification rounds, the board of tasks and a task's page.
const TaskProposals = lazyPage(() => import('./pages/tasks/Proposals'));
const TaskProposal = lazyPage(() => import('./pages/tasks/ProposalPage'));
const TaskRounds = lazyPage(() => import('./pages/tasks/Rounds'));
const TaskRound = lazyPage(() => import('./pages/tasks/RoundPage'));
const TaskRoundScore = lazyPage(() => import('./pages/tasks/RoundScore'));
const TaskBoard = lazyPage(() => import('./pages/tasks/Board'));
const TaskPage = lazyPage(() => import('./pages/tasks/TaskPage'), { public: true });
// Commissioned tasks: a task's selection (the call, dossiers, council, appraisal, decision) and a dossier.
const TaskSelection = lazyPage(() => import('./pages/tasks/TaskSelection'));
const TaskDossier = lazyPage(() => import('./pages/tasks/DossierForm'));
// Commissioned S&T tasks: the contract, its tranches, reports, inspections, acceptance and results.
const TaskContract = lazyPage(() => import('./pages/tasks/TaskContract'));

/** The pages a visitor may arrive on, first match wins; others show the fallback while they load. */
const ENTRY_PAGES: [string, LazyPage][] = [
  ['/', Home],
  ['/search', SearchPage],
  ['/listings/new', ListingFormPage],
  ['/listings/:id', ListingPage],
  ['/login', Login],
  ['/register', Register],
  ['/password-reset', PasswordReset],
  ['/invitations/:token', AcceptInvitation],
  ['/my/listings', MyListings],
  ['/support', SupportPrograms],
  ['/support/dashboard', SupportDashboard],
  ['/support/applications', SupportApplications],
  ['/support/:id', SupportProgramPage],
  ['/organizations/:id', PublicOrganization],
  ['/results', Results],
  ['/events', Events],
  ['/events/:id', EventPage],
  ['/events/:id/showcase', EventShowcase],
  ['/tasks/board', TaskBoard],
  ['/tasks/:id', TaskPage],
];

/** Downloads the code of the page the address (in either language) opens. */
export function preloadPage(pathname: string): Promise<void> {
  const path = pathWithoutLanguage(pathname);
  const entry = ENTRY_PAGES.find(([pattern]) => matchPath(pattern, path));
  return entry ? entry[1].preload() : Promise.resolve();
}

/** Routes for signed-in users (and, when given, one of `roles`). */
const authed = (element: JSX.Element, roles?: Parameters<typeof RequireAuth>[0]['roles']) => (
  <RequireAuth roles={roles}>{element}</RequireAuth>
);

function AppRoutes() {
  const location = useLocation();
  const { status } = useAuth();
  // Signed in by any way (another tab, a resumed session): the signed-in
  // screens' messages are needed; what is shown re-renders when they arrive.
  useEffect(() => {
    if (status === 'authenticated') loadSignedInMessages().catch(() => undefined);
  }, [status]);
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
            <Route path="/events" element={<Events />} />
            <Route path="/events/:id" element={<EventPage />} />
            <Route path="/events/:id/edit" element={authed(<EventForm />, ['officer', 'admin'])} />
            <Route path="/events/:id/register" element={authed(<EventRegister />)} />
            <Route path="/events/:id/registrations" element={authed(<EventRegistrations />, ['officer', 'admin'])} />
            <Route path="/officer/events/new" element={authed(<EventForm />, ['officer', 'admin'])} />
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
            <Route path="/events/:id/agenda" element={authed(<EventAgenda />)} />
            <Route path="/tasks/:id/contract" element={authed(<TaskContract />)} />
            <Route path="/events/:id/schedule" element={authed(<EventSchedule />, ['officer', 'admin'])} />
            <Route path="/events/:id/meetings" element={authed(<EventMeetings />)} />
            <Route path="/events/:id/checkin" element={authed(<EventCheckIn />, ['officer', 'admin'])} />
            <Route path="/events/:id/deals" element={authed(<EventDeals />)} />
            <Route path="/tasks/board" element={<TaskBoard />} />
            <Route path="/tasks/proposals" element={authed(<TaskProposals />)} />
            <Route path="/tasks/proposals/new" element={authed(<TaskProposal />)} />
            <Route path="/tasks/proposals/:id" element={authed(<TaskProposal />)} />
            <Route path="/tasks/rounds" element={authed(<TaskRounds />, ['officer', 'admin', 'reviewer'])} />
            <Route path="/tasks/rounds/:id" element={authed(<TaskRound />, ['officer', 'admin', 'reviewer'])} />
            <Route path="/tasks/rounds/:id/proposals/:pid/score" element={authed(<TaskRoundScore />, ['reviewer'])} />
            <Route path="/tasks/:id" element={<TaskPage />} />
            <Route path="/events/:id/showcase" element={<EventShowcase />} />
            <Route path="/events/:id/report" element={authed(<EventReport />, ['officer', 'admin'])} />
            <Route path="/tasks/:id/selection" element={<TaskSelection />} />
            <Route path="/tasks/dossiers/:id" element={authed(<TaskDossier />)} />
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
