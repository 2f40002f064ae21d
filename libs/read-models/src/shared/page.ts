/**
 * Offset pagination pinned in time: the `next` cursor carries the offset and the
 * asOf of the first page (now, when none was asked), so paging never skips or
 * repeats rows because something was recorded in between.
 */
export interface PageRequest {
  limit: number;
  offset: number;
  asOf?: Date;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  /** Pass as `cursor` to get the next page; null on the last page. */
  next: string | null;
  /** The recorded time the answer is as of (null: current state). */
  asOf: string | null;
}

export function encodeCursor(offset: number, asOf: Date): string {
  return Buffer.from(JSON.stringify({ o: offset, t: asOf.toISOString() })).toString('base64url');
}

export function decodeCursor(cursor: string): { offset: number; asOf: Date } | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; t?: unknown };
    const asOf = typeof value.t === 'string' ? new Date(value.t) : undefined;
    if (typeof value.o !== 'number' || !Number.isInteger(value.o) || value.o < 0 || !asOf || Number.isNaN(asOf.getTime())) return undefined;
    return { offset: value.o, asOf };
  } catch {
    return undefined;
  }
}

/** Queries fetch limit + 1 rows; the extra one only tells whether there is a next page. */
export function toPage<T>(rows: T[], request: PageRequest, pinnedAsOf: Date): Page<T> {
  const more = rows.length > request.limit;
  return {
    items: more ? rows.slice(0, request.limit) : rows,
    limit: request.limit,
    offset: request.offset,
    next: more ? encodeCursor(request.offset + request.limit, request.asOf ?? pinnedAsOf) : null,
    asOf: request.asOf?.toISOString() ?? null,
  };
}
