// What keeps one article from stopping or stalling the coder: the text is read
// in windows and coded in parts of bounded size (limits.ts), so time grows
// linearly with length; a sentence whose coding throws is left out and
// reported, and the rest of the article is coded as if it were not there.
import type { CodedEvent, DateInterval } from '#domain';
import type { Analyser } from './sentences/analyse.js';
import { LIMITS, type Limits } from './sentences/limits.js';
import { partsOf, selectSentences, windowsOf } from './sentences/parts.js';
import type { Analysis } from './sentences/tokens.js';

/** Something the coder could not do for a span of the text; the rest was coded. */
export interface CodingProblem {
  /**
   * `skipped`: coding the span threw, so it was left out.
   * `isolated`: its sentences threw only when coded together, so each was coded alone.
   * `event-dropped`: an event with this evidence had a date no calendar (or database) holds.
   */
  kind: 'skipped' | 'isolated' | 'event-dropped';
  start: number;
  end: number;
  error: string;
}

export interface BoundedCoding {
  events: CodedEvent[];
  problems: CodingProblem[];
  /** Set when the text was longer than the coder's limits: nothing from `from` on was coded. */
  truncated?: { from: number; reason: string };
}

export type CodePart = (part: Analysis) => CodedEvent[];

export function codeBounded(
  text: string,
  analyser: Analyser,
  codePart: CodePart,
  limits: Limits = { ...LIMITS },
): BoundedCoding {
  const events: CodedEvent[] = [];
  const problems: CodingProblem[] = [];
  const headlineEnd = firstLineEnd(text);
  let sentences = 0;
  let tokens = 0;
  let truncated: BoundedCoding['truncated'];
  for (const [start, end] of windowsOf(text, limits.windowChars)) {
    if (tokens >= limits.articleTokens) {
      truncated = { from: start, reason: `more than ${limits.articleTokens} tokens` };
      break;
    }
    const analysis = analyseWindow(text, start, end, analyser, { ...limits, headlineEnd }, problems);
    const room = limits.articleSentences - sentences;
    const kept = analysis.sentences.length > room ? selectSentences(analysis, range(room)) : analysis;
    sentences += kept.sentences.length;
    tokens += kept.tokens.length;
    for (const part of partsOf(kept, limits.partSentences))
      appendRenumbered(events, storable(codeIsolated(part, codePart, problems), problems));
    if (kept !== analysis) {
      truncated = { from: analysis.sentences[room]!.start, reason: `more than ${limits.articleSentences} sentences` };
      break;
    }
  }
  return { events, problems, ...(truncated && { truncated }) };
}

/** wink on one window; if it throws, line by line, leaving out the lines it throws on. */
function analyseWindow(
  text: string,
  start: number,
  end: number,
  analyser: Analyser,
  options: Limits & { headlineEnd: number },
  problems: CodingProblem[],
): Analysis {
  const opts = {
    headlineEnd: options.headlineEnd,
    sentenceTokens: options.sentenceTokens,
    sentenceChars: options.sentenceChars,
  };
  try {
    return analyser.analyse(text, { ...opts, start, end });
  } catch {
    const lines: Analysis[] = [];
    for (let from = start; from < end;) {
      const newline = text.indexOf('\n', from);
      const to = newline < 0 || newline >= end ? end : newline + 1;
      try {
        lines.push(analyser.analyse(text, { ...opts, start: from, end: to }));
      } catch (error) {
        problems.push({ kind: 'skipped', start: from, end: to, error: messageOf(error) });
      }
      from = to;
    }
    return concat(text, lines);
  }
}

/**
 * The part coded as a whole; if that throws, the sentences that throw alone
 * are left out and the rest coded together, and if the rest still throws
 * (sentences that fail only together), each sentence is coded alone.
 */
function codeIsolated(part: Analysis, codePart: CodePart, problems: CodingProblem[]): CodedEvent[] {
  let failure: unknown;
  try {
    return codePart(part);
  } catch (error) {
    failure = error;
  }
  const alone: CodedEvent[][] = [];
  const good: number[] = [];
  for (let i = 0; i < part.sentences.length; i++) {
    try {
      alone.push(codePart(selectSentences(part, [i])));
      good.push(i);
    } catch (error) {
      const s = part.sentences[i]!;
      problems.push({ kind: 'skipped', start: s.start, end: s.end, error: messageOf(error) });
    }
  }
  if (good.length < part.sentences.length) {
    try {
      return codePart(selectSentences(part, good));
    } catch (error) {
      failure = error;
    }
  }
  const first = part.sentences[0];
  if (first)
    problems.push({ kind: 'isolated', start: first.start, end: part.sentences.at(-1)!.end, error: messageOf(failure) });
  const events: CodedEvent[] = [];
  for (const es of alone) appendRenumbered(events, es);
  return events;
}

/**
 * Events whose dates are real days of years 1–9999: a text dated in year 1 can
 * resolve "last week" into year 0, which PostgreSQL refuses, and one such row
 * would stop every projection that reads it.
 */
function storable(events: CodedEvent[], problems: CodingProblem[]): CodedEvent[] {
  return events.filter((e) => {
    if (isStorable(e.date)) return true;
    const span = e.evidence[0];
    problems.push({
      kind: 'event-dropped',
      start: span?.start ?? 0,
      end: span?.end ?? 0,
      error: `${e.type} dated ${e.date.start}..${e.date.end}`,
    });
    return false;
  });
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real day of years 1–9999 as YYYY-MM-DD ("2021-02-30" and "0000-01-01" are not). Checked for every event: no Date. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

const isStorable = (d: DateInterval): boolean => isCalendarDate(d.start) && isCalendarDate(d.end) && d.start <= d.end;

/** Appends events coded apart, giving them the next ids (e1, e2, …) and keeping their links. */
function appendRenumbered(into: CodedEvent[], events: CodedEvent[]): void {
  const ids = new Map(events.map((e, i) => [e.id, `e${into.length + i + 1}`]));
  for (const e of events) {
    const renamed: CodedEvent = { ...e, id: ids.get(e.id)! };
    if (e.links) renamed.links = e.links.map((id) => ids.get(id) ?? id);
    into.push(renamed);
  }
}

function concat(text: string, analyses: Analysis[]): Analysis {
  const all: Analysis = { text, tokens: [], sentences: [] };
  for (const a of analyses) {
    const shift = all.tokens.length;
    const base = all.sentences.length;
    for (const t of a.tokens) all.tokens.push({ ...t, sentence: t.sentence + base });
    for (const s of a.sentences)
      all.sentences.push({ ...s, index: s.index + base, first: s.first + shift, last: s.last + shift });
  }
  return all;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function firstLineEnd(text: string): number {
  const newline = text.indexOf('\n');
  return newline < 0 ? text.length : newline;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
