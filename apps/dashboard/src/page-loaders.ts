// The code of each page, loaded when first needed; the page the browser opens
// first starts loading at once, beside the session check, not after it.

export const PAGES = {
  AlertPage: () => import('./pages/alerts/AlertPage'),
  AlertsPage: () => import('./pages/alerts/AlertsPage'),
  ActorsPage: () => import('./pages/Actors'),
  ArticlePage: () => import('./pages/Article'),
  ArticlesPage: () => import('./pages/Articles'),
  IncidentPage: () => import('./pages/Incident'),
  IncidentsPage: () => import('./pages/Incidents'),
  MapPage: () => import('./pages/Map'),
  OperationsPage: () => import('./pages/Operations'),
  OverviewPage: () => import('./pages/Overview'),
  TimelinePage: () => import('./pages/Timeline'),
};

const FIRST: [RegExp, keyof typeof PAGES][] = [
  [/^\/admin\/?$/, 'OverviewPage'],
  [/^\/admin\/articles\/./, 'ArticlePage'],
  [/^\/admin\/articles/, 'ArticlesPage'],
  [/^\/admin\/timeline/, 'TimelinePage'],
  [/^\/admin\/map/, 'MapPage'],
  [/^\/admin\/actors/, 'ActorsPage'],
  [/^\/admin\/incidents\/./, 'IncidentPage'],
  [/^\/admin\/incidents/, 'IncidentsPage'],
  [/^\/admin\/alerts\/./, 'AlertPage'],
  [/^\/admin\/alerts/, 'AlertsPage'],
  [/^\/admin\/operations/, 'OperationsPage'],
];

/** Starts loading the code of the page at this path (a no-op when it is loaded already). */
export function preloadPage(pathname: string): void {
  const match = FIRST.find(([pattern]) => pattern.test(pathname));
  if (match) void PAGES[match[1]]();
}
