// ISO date arithmetic on UTC days; dates are plain YYYY-MM-DD strings.

export function parseIso(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

export function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(s: string, n: number): string {
  const d = parseIso(s);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

export function ymd(y: number, m: number, d: number): string {
  return iso(new Date(Date.UTC(y, m - 1, d)));
}

export function lastDayOfMonth(y: number, m: number): string {
  return iso(new Date(Date.UTC(y, m, 0)));
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(s: string): number {
  return parseIso(s).getUTCDay();
}

/** Monday of the ISO week holding s. */
export function mondayOf(s: string): string {
  const wd = weekday(s);
  return addDays(s, -((wd + 6) % 7));
}

export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}
