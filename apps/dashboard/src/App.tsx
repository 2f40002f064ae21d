import { Suspense, lazy } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth';
import { ModalitySwitch } from './modality';
import { LoginPage } from './pages/Login';
import { PAGES } from './page-loaders';

const AlertPage = lazy(() => PAGES.AlertPage().then((m) => ({ default: m.AlertPage })));
const AlertsPage = lazy(() => PAGES.AlertsPage().then((m) => ({ default: m.AlertsPage })));
const ActorsPage = lazy(() => PAGES.ActorsPage().then((m) => ({ default: m.ActorsPage })));
const ArticlePage = lazy(() => PAGES.ArticlePage().then((m) => ({ default: m.ArticlePage })));
const ArticlesPage = lazy(() => PAGES.ArticlesPage().then((m) => ({ default: m.ArticlesPage })));
const IncidentPage = lazy(() => PAGES.IncidentPage().then((m) => ({ default: m.IncidentPage })));
const IncidentsPage = lazy(() => PAGES.IncidentsPage().then((m) => ({ default: m.IncidentsPage })));
const MapPage = lazy(() => PAGES.MapPage().then((m) => ({ default: m.MapPage })));
const OperationsPage = lazy(() => PAGES.OperationsPage().then((m) => ({ default: m.OperationsPage })));
const OverviewPage = lazy(() => PAGES.OverviewPage().then((m) => ({ default: m.OverviewPage })));
const TimelinePage = lazy(() => PAGES.TimelinePage().then((m) => ({ default: m.TimelinePage })));
const NAV: [string, string][] = [
  ['/', 'Overview'],
  ['/articles', 'Articles'],
  ['/timeline', 'Timeline'],
  ['/map', 'Map'],
  ['/actors', 'Actors'],
  ['/incidents', 'Incidents'],
  ['/alerts', 'Alerts'],
  ['/operations', 'Operations'],
];

export function App() {
  const { session, loading, logout } = useAuth();
  if (loading) return <p className="centered muted">Loading…</p>;
  if (!session) return <LoginPage />;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">newsledger</span>
        <nav>
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'}>
              {label}
            </NavLink>
          ))}
        </nav>
        <ModalitySwitch />
        <span className="who">
          <span data-testid="session-email">{session.email}</span>
          <button type="button" className="link" onClick={() => void logout()}>
            Log out
          </button>
        </span>
      </header>
      <main>
        {/* Each page is its own chunk: the first page does not wait for the code of all the others. */}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Routes>
            <Route path="/" element={<OverviewPage />} />
            <Route path="/articles" element={<ArticlesPage />} />
            <Route path="/articles/:id" element={<ArticlePage />} />
            <Route path="/timeline" element={<TimelinePage />} />
            <Route path="/map" element={<MapPage />} />
            <Route path="/actors" element={<ActorsPage />} />
            <Route path="/actors/:id" element={<ActorsPage />} />
            <Route path="/incidents" element={<IncidentsPage />} />
            <Route path="/incidents/:id" element={<IncidentPage />} />
            <Route path="/alerts" element={<AlertsPage />} />
            <Route path="/alerts/:id" element={<AlertPage />} />
            <Route path="/operations" element={<OperationsPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
