import { MAX_OFFSET, type Page } from './page.schema.js';

export { MAX_OFFSET, type Page, pageSchema } from './page.schema.js';

/**
 * Offset pagination pinned in time: every cursor carries an offset and the
 * asOf of the first page (now, when none was asked), so paging never skips or
 * repeats rows because something was recorded in between. Each page says how
 * many rows match in all (`total`), and hands cursors to the previous, next and
 * last page, so every list is reachable to its last row.
 */
export interface PageRequest {
  limit: number;
  offset: number;
  asOf?: Date;
}

export function encodeCursor(offset: number, asOf: Date): string {
  return Buffer.from(JSON.stringify({ o: offset, t: asOf.toISOString() })).toString('base64url');
}

/** A cursor this API gave, or undefined: a forged one with a huge offset or an impossible time is refused. */
export function decodeCursor(cursor: string): { offset: number; asOf: Date } | undefined {
  if (cursor.length > 200) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; t?: unknown };
    const asOf = typeof value.t === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value.t) ? new Date(value.t) : undefined;
    if (typeof value.o !== 'number' || !Number.isInteger(value.o) || value.o < 0 || value.o > MAX_OFFSET)
      return undefined;
    if (!asOf || Number.isNaN(asOf.getTime()) || asOf.getUTCFullYear() < 1000) return undefined;
    return { offset: value.o, asOf };
  } catch {
    return undefined;
  }
}

/** Queries fetch limit + 1 rows; the extra one only tells whether there is a next page. */
export function toPage<T>(rows: T[], request: PageRequest, pinnedAsOf: Date, total: number): Page<T> {
  const more = rows.length > request.limit;
  const at = request.asOf ?? pinnedAsOf;
  const lastOffset = total > 0 ? Math.floor((total - 1) / request.limit) * request.limit : 0;
  return {
    items: more ? rows.slice(0, request.limit) : rows,
    total,
    limit: request.limit,
    offset: request.offset,
    next: more ? encodeCursor(request.offset + request.limit, at) : null,
    prev: request.offset > 0 ? encodeCursor(Math.max(0, request.offset - request.limit), at) : null,
    last: lastOffset > request.offset ? encodeCursor(Math.min(lastOffset, MAX_OFFSET), at) : null,
    asOf: request.asOf?.toISOString() ?? null,
  };
}
