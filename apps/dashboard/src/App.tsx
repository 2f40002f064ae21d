import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth';
import { ModalitySwitch } from './modality';
import { AlertPage } from './pages/alerts/AlertPage';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { ActorsPage } from './pages/Actors';
import { ArticlePage } from './pages/Article';
import { ArticlesPage } from './pages/Articles';
import { IncidentPage } from './pages/Incident';
import { IncidentsPage } from './pages/Incidents';
import { MapPage } from './pages/Map';
import { LoginPage } from './pages/Login';
import { OperationsPage } from './pages/Operations';
import { OverviewPage } from './pages/Overview';
import { TimelinePage } from './pages/Timeline';

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
      </main>
    </div>
  );
}
