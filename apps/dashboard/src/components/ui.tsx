import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { get } from '../api';
import type { CatalogView } from '../../../api/src/operations/operations.schema';

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

export function Loading({ what = '' }: { what?: string }) {
  return <p className="muted">Loading{what ? ` ${what}` : ''}…</p>;
}

export function Card({
  title,
  children,
  actions,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="card" data-testid={testId}>
      <header>
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** A stable colour per event type, so the same type looks the same on every page. */
export function typeColour(type: string): string {
  let hash = 0;
  for (const ch of type) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 70% 82%)`;
}

export function TypeBadge({ type }: { type: string }) {
  return (
    <span className="badge" style={{ background: typeColour(type) }}>
      {type}
    </span>
  );
}

/** An article's coding status; a language the coder does not read is named, with its code. */
export function ArticleStatus({ status, language }: { status: string; language?: string | null }) {
  const unsupported = status === 'unsupported-language';
  const label = unsupported ? `unsupported language${language ? ` (${language})` : ''}` : status;
  const title = unsupported ? 'The coder reads English only: no events were looked for' : undefined;
  return (
    <span className={`status status-${status}`} data-testid="article-status" title={title}>
      {label}
    </span>
  );
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: () => get<CatalogView>('/api/operations/catalog'),
    staleTime: Infinity,
  });
}

/** A datetime-local value (local time) → ISO 8601, or undefined when empty. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A URL search-param cursor setter for pagers: null goes back to the first page. */
export function cursorSetter(setParams: (update: (p: URLSearchParams) => URLSearchParams) => void, key = 'cursor') {
  return (cursor: string | null) =>
    setParams((p) => {
      if (cursor) p.set(key, cursor);
      else p.delete(key);
      return p;
    });
}
