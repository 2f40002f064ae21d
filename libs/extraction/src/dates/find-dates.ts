// Date expressions in a sentence, found by pattern; resolve-date.ts gives them meaning.

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** The expression names the date a statement was made ("said Wednesday"), not an event's. */
  ofSaying: boolean;
  /** Taken from the previous sentence ("At the time, ..."). */
  inherited?: boolean;
}

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const SEASON = '(?:summer|winter|spring|autumn|fall)';
const PART = '(?:early|late|mid|mid-|earlier|later)';
const UNIT = '(?:week|month|year|weekend)';

const PATTERNS = [
  // "over the coming days and weeks", "over the next few months", "in the near future"
  `(?:over |in |during )?the (?:coming|next|following)(?: few| several| two| three| six)? (?:days|weeks|months|years)(?: and (?:days|weeks|months))?`,
  `in the near future`,
  // "the summer of 2018", "in the summer of 2018"
  `(?:in )?the ${SEASON} of (?:19|20)\\d\\d`,
  // "January 3rd, 2020", "July 15, 2020", "January 1"
  `(?:(?:early|late|mid-?)\\s)?${MONTH} \\d{1,2}(?:st|nd|rd|th)?(?:,? (?:19|20)\\d\\d)?`,
  // "December 2020", "late March", "in October"
  `(?:(?:early|late|mid-?)\\s?(?:in\\s)?)?${MONTH}(?:,? (?:19|20)\\d\\d)?`,
  // "early last year", "last week", "this week", "earlier this month", "next year"
  `(?:${PART}\\s)?(?:last|this|next|past|previous)\\s${UNIT}`,
  `(?:${PART}\\s)?(?:last|this|next)\\s${SEASON}`,
  `(?:${PART}\\s)?(?:in\\s)?(?:the\\s)?(?:19|20)\\d\\d(?!\\s?(?:%|percent))`,
  `${WEEKDAY}(?:'s|\\u2019s)?`,
  `(?:yesterday|today|tonight)`,
  `\\d+ (?:days|weeks|months|years) ago`,
];
const DATE_RE = new RegExp(`\\b(?:${PATTERNS.join('|')})\\b`, 'g');
const SAID_AFTER = /^\s+(?:said|says|told|announced|reported|stated)\b/;
const SAYING = /\b(?:said|says|say|told|reported|added|announced|stated|confirmed|noted|wrote|tweeted)\s+(?:on\s+)?$/;

/** All date expressions in text[from, to), with absolute offsets. */
export function findDates(text: string, from: number, to: number): DateMention[] {
  const s = text.slice(from, to);
  const out: DateMention[] = [];
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(s); m; m = DATE_RE.exec(s)) {
    const t = m[0];
    // "May" the verb, and years used as names ("the 2008 Strategic Framework Agreement") are not dates.
    if (/^May$/.test(t) && !/^\s+\d/.test(s.slice(m.index + 3))) continue;
    if (
      /^(?:(?:early|late|mid-?)\s)?(?:in\s)?(?:the\s)?\d{4}$/.test(t.trim()) &&
      /^\s[A-Z]/.test(s.slice(m.index + t.length)) &&
      !/^\s(?:[A-Z]{2,}\b)/.test(s.slice(m.index + t.length))
    )
      continue;
    const before = s.slice(Math.max(0, m.index - 24), m.index);
    const after = s.slice(m.index + t.length, m.index + t.length + 12);
    out.push({
      start: from + m.index,
      end: from + m.index + t.length,
      text: t,
      ofSaying: SAYING.test(before) || SAID_AFTER.test(after),
    });
  }
  return out;
}
