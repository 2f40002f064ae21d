// Resolves a date expression against the publication date. chrono-node parses
// explicit calendar dates; the rules here cover what news means by relative
// expressions: "last week" is the previous Monday-Sunday week, "this week" the
// current one up to publication, a month named in the past tense that lies
// after the publication month is last year's, a weekday in the past tense is
// the latest such day on or before publication.
import * as chrono from 'chrono-node';
import type { DateInterval } from '#domain';
import { addDays, lastDayOfMonth, mondayOf, parseIso, weekday, ymd } from './calendar.js';

export type Tense = 'past' | 'future';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SEASONS: Record<string, [number, number]> = {
  spring: [3, 5],
  summer: [6, 8],
  autumn: [9, 11],
  fall: [9, 11],
  winter: [12, 14],
};

function monthIndex(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

function month(y: number, m: number, text: string): DateInterval {
  return { start: ymd(y, m, 1), end: lastDayOfMonth(y, m), precision: 'month', text };
}

function months(y: number, from: number, to: number, precision: DateInterval['precision'], text: string): DateInterval {
  const endY = y + Math.floor((to - 1) / 12);
  const endM = ((to - 1) % 12) + 1;
  return { start: ymd(y, from, 1), end: lastDayOfMonth(endY, endM), precision, text };
}

/** The part of a year "early", "mid" or "late" names, as a season-like interval. */
function partOfYear(y: number, part: string | undefined, text: string): DateInterval {
  if (part === 'early') return months(y, 1, 4, 'season', text);
  if (part === 'mid' || part === 'mid-') return months(y, 5, 8, 'season', text);
  if (part === 'late') return months(y, 10, 12, 'season', text);
  return { start: ymd(y, 1, 1), end: ymd(y, 12, 31), precision: 'year', text };
}

export function resolveDate(raw: string, publishedAt: string, tense: Tense): DateInterval | undefined {
  const text = raw.replace(/^(?:in|over|during|on)\s+/i, '').trim();
  const t = text.toLowerCase().replace(/\u2019/g, "'");
  const pub = parseIso(publishedAt);
  const py = pub.getUTCFullYear();
  const pm = pub.getUTCMonth() + 1;
  let m: RegExpMatchArray | null;

  if ((m = t.match(/^the (?:coming|next|following)(?: (few|several|two|three|six))? (days|weeks|months|years)/))) {
    const n = m[1] === 'six' ? 6 : m[1] === 'two' ? 2 : 3;
    const days = m[2] === 'days' ? 7 : m[2] === 'weeks' ? 7 * n + 14 : m[2] === 'months' ? 31 * n + 31 : 365 * n;
    return { start: publishedAt, end: addDays(publishedAt, days), precision: 'unknown', text: raw };
  }
  if (t === 'in the near future')
    return { start: publishedAt, end: addDays(publishedAt, 180), precision: 'unknown', text: raw };
  if ((m = t.match(/^(\d+) (day|week|month|year)s ago$/))) {
    const n = Number(m[1]);
    const back = m[2] === 'day' ? n : m[2] === 'week' ? 7 * n : m[2] === 'month' ? 30 * n : 365 * n;
    const d = addDays(publishedAt, -back);
    return m[2] === 'day'
      ? { start: d, end: d, precision: 'day', text: raw }
      : { start: addDays(d, -7), end: addDays(d, 7), precision: 'unknown', text: raw };
  }
  if ((m = t.match(/^(?:the )?(summer|winter|spring|autumn|fall) of ((?:19|20)\d\d)$/))) {
    const [a, b] = SEASONS[m[1]!]!;
    return months(Number(m[2]), a, b + 1 > 12 ? b : b, 'season', raw);
  }
  if (
    (m = t.match(
      /^(?:(early|late|mid-?|earlier|later)\s)?(last|this|next|past|previous) (week|weekend|month|year|summer|winter|spring|autumn|fall)$/,
    ))
  ) {
    const part = m[1] === 'earlier' ? 'early' : m[1] === 'later' ? 'late' : m[1];
    const rel = m[2] === 'past' || m[2] === 'previous' ? 'last' : m[2];
    const unit = m[3]!;
    if (unit === 'week') {
      const monday = mondayOf(publishedAt);
      if (rel === 'last') return { start: addDays(monday, -7), end: addDays(monday, -1), precision: 'week', text: raw };
      if (rel === 'next') return { start: addDays(monday, 7), end: addDays(monday, 13), precision: 'week', text: raw };
      return {
        start: monday,
        end: tense === 'future' ? addDays(monday, 6) : publishedAt,
        precision: 'week',
        text: raw,
      };
    }
    if (unit === 'weekend') {
      const sat = addDays(publishedAt, -((weekday(publishedAt) + 1) % 7));
      return { start: sat, end: addDays(sat, 1), precision: 'day', text: raw };
    }
    if (unit === 'month') {
      const k = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
      const d = new Date(Date.UTC(py, pm - 1 + k, 1));
      return month(d.getUTCFullYear(), d.getUTCMonth() + 1, raw);
    }
    const y = rel === 'last' ? py - 1 : rel === 'next' ? py + 1 : py;
    if (unit === 'year') return partOfYear(y, part, raw);
    const [a, b] = SEASONS[unit]!;
    return months(y, a, b, 'season', raw);
  }
  if ((m = t.match(/^(?:(early|late|mid-?)\s)?(?:in\s)?(?:the\s)?((?:19|20)\d\d)$/))) {
    return partOfYear(Number(m[2]), m[1], raw);
  }
  if ((m = t.match(/^(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?:'s)?$/))) {
    const target = WEEKDAYS.indexOf(m[1]!);
    const wd = weekday(publishedAt);
    const d =
      tense === 'future' ? addDays(publishedAt, (target - wd + 7) % 7) : addDays(publishedAt, -((wd - target + 7) % 7));
    return { start: d, end: d, precision: 'day', text: raw };
  }
  if (t === 'today' || t === 'tonight') return { start: publishedAt, end: publishedAt, precision: 'day', text: raw };
  if (t === 'yesterday') {
    const d = addDays(publishedAt, -1);
    return { start: d, end: d, precision: 'day', text: raw };
  }
  // A month with no day: "December 2020", "late March", "October".
  if (
    (m = t.match(/^(?:(early|late|mid-?)\s?(?:in\s)?)?([a-z]+)\.?(?:,? ((?:19|20)\d\d))?$/)) &&
    monthIndex(m[2]!) > 0
  ) {
    const mi = monthIndex(m[2]!);
    let y = m[3] ? Number(m[3]) : py;
    if (!m[3]) {
      if (tense === 'past' && mi > pm) y = py - 1;
      if (tense === 'future' && mi < pm) y = py + 1;
    }
    return month(y, mi, raw);
  }
  // Explicit calendar dates: chrono-node.
  const parsed = chrono.parse(text, { instant: pub, timezone: 0 }, { forwardDate: tense === 'future' })[0];
  if (parsed) {
    const c = parsed.start;
    const y = c.get('year') ?? py;
    const mo = c.get('month') ?? 1;
    const dd = c.get('day') ?? 1;
    let year = y;
    if (!c.isCertain('year') && tense === 'past' && (mo > pm || (mo === pm && dd > pub.getUTCDate()))) year = py - 1;
    if (c.isCertain('day')) {
      const d = ymd(year, mo, dd);
      return { start: d, end: d, precision: 'day', text: raw };
    }
    if (c.isCertain('month')) return month(year, mo, raw);
  }
  return undefined;
}
