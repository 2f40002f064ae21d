import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get } from '../api';
import type { ArticleSummary, Page } from '#read-models/contracts';
import { Pager } from '../components/Pager';
import { ArticleStatus, Card, ErrorBox, Loading, cursorSetter, formatTime } from '../components/ui';

export function ArticlesPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const outlet = params.get('outlet') ?? '';
  const cursor = params.get('cursor') ?? '';
  const [draft, setDraft] = useState({ q, status, outlet });

  const articles = useQuery({
    queryKey: ['articles', { q, status, outlet, cursor }],
    queryFn: () => get<Page<ArticleSummary>>('/api/articles', { q, status, outlet, cursor, limit: 25 }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  };

  return (
    <Card title="Articles" testId="articles-page">
      <form className="filters" onSubmit={apply} role="search">
        <label>
          Words in the title or text
          <input
            name="q"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            placeholder='e.g. militias, "sanctions waiver"'
            size={30}
          />
        </label>
        <label>
          Status
          <select name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">any</option>
            <option value="received">received</option>
            <option value="coded">coded</option>
            <option value="unsupported-language">unsupported language</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <label>
          Outlet
          <input
            name="outlet"
            value={draft.outlet}
            onChange={(e) => setDraft({ ...draft, outlet: e.target.value })}
            placeholder="exact name"
          />
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorBox error={articles.error} />
      {articles.isPending ? (
        <Loading what="articles" />
      ) : (
        <>
          <Pager page={articles.data} onCursor={cursorSetter(setParams)} what="articles" />
          <table className="grid">
            <thead>
              <tr>
                <th>Title</th>
                <th>Outlet</th>
                <th>Published</th>
                <th>Status</th>
                <th>Events</th>
                <th>Received</th>
              </tr>
            </thead>
            <tbody>
              {articles.data?.items.map((a) => (
                <tr key={a.id} data-testid="article-row" data-article-id={a.id}>
                  <td>
                    <Link to={`/articles/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{a.outlet}</td>
                  <td>{a.publishedAt.slice(0, 10)}</td>
                  <td>
                    <ArticleStatus status={a.status} language={a.language} />
                    {a.recodeRequested && <span className="muted small"> (re-code requested)</span>}
                  </td>
                  <td>
                    {a.eventCount}
                    {a.otherModalityEventCount > 0 && (
                      <span className="muted small" title="future, hypothetical or negated: not counted as events">
                        {' '}
                        (+{a.otherModalityEventCount} that did not happen)
                      </span>
                    )}
                    {a.retractedEventCount > 0 && (
                      <span className="muted small"> ({a.retractedEventCount} retracted)</span>
                    )}
                  </td>
                  <td>{formatTime(a.receivedAt)}</td>
                </tr>
              ))}
              {articles.data?.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No articles match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager page={articles.data} onCursor={cursorSetter(setParams)} what="articles" />
        </>
      )}
    </Card>
  );
}
