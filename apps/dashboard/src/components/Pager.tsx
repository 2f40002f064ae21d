import type { Page } from '#read-models/contracts';

/**
 * Where a page is in its list and how to move: "51–100 of 100,000", first,
 * previous, next and last (the API's cursors, pinned to the first page's time).
 */
export function Pager({
  page,
  onCursor,
  what = 'rows',
}: {
  page: Page<unknown> | undefined;
  onCursor: (cursor: string | null) => void;
  what?: string;
}) {
  if (!page) return null;
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = page.offset + page.items.length;
  return (
    <div className="pager" data-testid="pager" data-total={page.total} data-offset={page.offset}>
      <span className="muted small" data-testid="pager-range">
        {page.total === 0
          ? `no ${what}`
          : `${from.toLocaleString()}–${to.toLocaleString()} of ${page.total.toLocaleString()} ${what}`}
      </span>{' '}
      <button type="button" disabled={page.offset === 0} onClick={() => onCursor(null)} data-testid="pager-first">
        « First
      </button>
      <button type="button" disabled={!page.prev} onClick={() => onCursor(page.prev)} data-testid="pager-prev">
        ‹ Previous
      </button>
      <button type="button" disabled={!page.next} onClick={() => onCursor(page.next)} data-testid="pager-next">
        Next ›
      </button>
      <button type="button" disabled={!page.last} onClick={() => onCursor(page.last)} data-testid="pager-last">
        Last »
      </button>
    </div>
  );
}
