// Finds actor mentions: gazetteer names (longest match), "Iraqi officials"
// style groups, titles resolved to their holder on the publication date
// ("Iraq's prime minister" = Mustafa al-Kadhimi in 2021), and phonetic variants.
import type { Sector } from '#domain';
import type { Analysis, Token } from '../sentences/tokens.js';
import type { AliasIndex } from './alias-index.js';
import { officeHolder, type Entity, type Gazetteer } from './gazetteer.js';
import type { Mention } from './mention.js';
import { CVL_HEADS, groupEntity, groupHeadAt, LEG_HEADS, type GroupHead } from './groups.js';
import { phoneticPerson, type PhoneticIndex } from './phonetic.js';
import { sectorOn } from './titles.js';

/** Words that may stand between a country and its group noun ("two senior Iraqi officials"). */
const GROUP_FILLER = new Set(['senior', 'top', 'local', 'government', 'security', 'shiite', 'sunni', 'kurdish', 'political', 'military', 'state', 'foreign', 'defense', 'defence', 'many', 'most', 'some', 'other', 'former', 'new', 'combat', 'remaining']);
const POSSESSIVE = new Set(["'s", "'", 's']);
const HONORIFIC = /^(?:gen|maj|brig|col|lt|adm|mr|mrs|ms|dr|sheikh|general|president|minister|commander|chief|premier)\.?$/i;

export interface MatchContext {
  gazetteer: Gazetteer;
  index: AliasIndex;
  phonetic: PhoneticIndex;
  publishedAt: string;
}

function isCapitalised(t: Token): boolean {
  const c = t.value.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** Lower-case words inside names ("Nuri al-Maliki", "Bank of England", "Bosnia and Herzegovina"). */
const NAME_GLUE = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'abu', 'ul', 'ud', 'de', 'da', 'di', 'del', 'der', 'van', 'von', 'la', 'le', 'du', 'dos', 'das', 'of', 'the', 'and', 'for', 'on', 'in']);

type Match = { last: number; entity?: Entity; via?: Mention['via']; role?: string };

/** A token's contribution to a loose dictionary key: lower case without hyphens, dots, apostrophes. */
function looseOf(t: Token): string {
  let w = t.lower;
  // the tables drop accents ("Erdoğan" is "erdogan" there)
  if (!/^[\x00-\x7f]*$/.test(w)) w = w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return /[-.'\u2019]/.test(w) ? w.replace(/[-.'\u2019]/g, '') : w;
}

/** How many tokens a dictionary name starting at t may take (0: none starts there). */
function dictSpanAt(ix: AliasIndex, t: Token): number {
  const starts = ix.dictionary?.starts;
  if (!starts || !isUpperStart(t)) return 0;
  const span = starts.get(looseOf(t));
  if (span !== undefined) return span;
  // "al-Maliki" as one token: the name's first word is "al"
  const h = t.lower.indexOf('-');
  return h > 0 ? (starts.get(t.lower.slice(0, h)) ?? 0) : 0;
}

function isUpperStart(t: Token): boolean {
  const c = t.value.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = t.value.charAt(0);
  return ch !== ch.toLowerCase();
}

/**
 * A dictionary name must look like one: its first and last words capitalised,
 * and a single word opening a sentence must be tagged a proper noun ("Union" is not a name there).
 */
function namelike(a: Analysis, i: number, last: number): boolean {
  const toks = a.tokens;
  if (!isUpperStart(toks[i]!) || !isUpperStart(toks[last - 1]!)) return false;
  if (last - i === 1) {
    const prev = toks[i - 1];
    const opening = prev === undefined || prev.sentence !== toks[i]!.sentence || /^["'\u201c\u2018(]$/.test(prev.value);
    if (opening && toks[i]!.pos !== 'PROPN') return false;
  }
  return true;
}

/** Longest gazetteer or title match starting at token i; our names before the dictionaries'. */
function longestAt(a: Analysis, ix: AliasIndex, i: number): Match | undefined {
  const toks = a.tokens;
  // dictionary names start with a capital (namelike) and with a known first part: most tokens never look them up
  const dictSpan = dictSpanAt(ix, toks[i]!);
  let dict = dictSpan > 0 ? ix.dictionary : undefined;
  let exactKey = '';
  let lowerKey = '';
  let looseKey = '';
  // once a key is no prefix of any name, it stays none: stop growing and looking it up
  let exactAlive = true;
  let lowerAlive = true;
  let best: Match | undefined;
  let bestDict: Match | undefined;
  const sentence = toks[i]!.sentence;
  for (let j = i; j < toks.length && j < i + Math.max(ix.maxTokens, dictSpan); j++) {
    const t = toks[j]!;
    if (t.sentence !== sentence || t.credit) break;
    if (j > i && toks[j - 1]!.end !== t.start && /^[-']/.test(t.value) === false && /-$/.test(toks[j - 1]!.value)) break;
    if (j - i >= ix.maxTokens) exactAlive = lowerAlive = false;
    if (exactAlive) exactAlive = ix.prefixes.has((exactKey += t.norm));
    if (lowerAlive) lowerAlive = ix.prefixes.has((lowerKey += t.lower));
    // a name runs over capitalised words, particles ("al", "of") and punctuation only
    if (dict && (j - i >= dictSpan || (j > i && !isUpperStart(t) && !NAME_GLUE.has(t.lower) && /^[a-z0-9]/.test(t.lower)))) dict = undefined;
    if (dict) looseKey += looseOf(t);
    const exactOk = exactAlive;
    const lowerOk = lowerAlive;
    // a dictionary name ends on a capitalised word (namelike)
    const looseOk = dict !== undefined && looseKey.length > 0 && isUpperStart(t);
    if (!exactOk && !lowerOk && !dict) break;
    // A match must end at a word boundary: "Iran" inside "Iranian" is not Iran.
    const next = toks[j + 1];
    const glued = next !== undefined && next.start === t.end && /^[a-z0-9]/i.test(next.value) && /[a-z0-9]$/i.test(t.value);
    if (glued) continue;
    const e = exactOk ? ix.exact.get(exactKey) : undefined;
    if (e) best = { last: j + 1, entity: e.entity, via: e.via };
    else {
      const f = lowerOk ? ix.folded.get(lowerKey) : undefined;
      if (f) best = { last: j + 1, entity: f.entity, via: f.via };
      else {
        const role = lowerOk ? ix.titles.get(lowerKey) : undefined;
        if (role) best = { last: j + 1, role };
      }
    }
    if (looseOk && dict) {
      const d = dict.names.get(looseKey);
      if (d && namelike(a, i, j + 1)) bestDict = { last: j + 1, entity: d.entity, via: d.via };
    }
  }
  // a longer dictionary name wins over a shorter one of ours ("Ban Ki-moon" over "Ban")
  if (bestDict && (!best || bestDict.last > best.last)) return bestDict;
  return best;
}

/** The holder of a role when only one country has such an office ("the Quds Force chief"). */
function uniqueHolder(g: Gazetteer, role: string, date: string): Entity | undefined {
  let found: Entity | undefined;
  for (const p of g.persons) {
    for (const o of p.offices ?? []) {
      if (o.role !== role) continue;
      if (found && found.country !== o.country) return undefined;
      if (o.from <= date && date < o.to) found = p;
    }
  }
  return found;
}

export function dominantCountry(mentions: Mention[], g: Gazetteer): string {
  const counts = new Map<string, number>();
  let us = false;
  for (const m of mentions) {
    const c = m.entity.country;
    us ||= c === 'USA';
    if (c === 'IGO' || c === 'USA') continue; // the US is in every story here; the story's own country is the one to default to
    counts.set(c, (counts.get(c) ?? 0) + (m.entity.kind === 'country' ? 2 : 1));
  }
  // no other country named: the US if it is named, else none (never a fixed country: "Biden postpones Africa visit")
  let best = us ? 'USA' : '';
  let n = 0;
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
  void g;
  return best;
}

function mention(a: Analysis, first: number, last: number, entity: Entity, via: Mention['via'], sector: Sector): Mention {
  const t = a.tokens;
  const next = t[last];
  const possessive = next !== undefined && POSSESSIVE.has(next.lower) && next.start === t[last - 1]!.end;
  return { first, last, start: t[first]!.start, end: t[last - 1]!.end, nameStart: t[first]!.start, entity, via, sector, possessive };
}

/** A country-less group ("lawmakers", "protesters"): of the article's main country. */
function baseGroup(g: Gazetteer, head: GroupHead, iso: string): Entity | undefined {
  const country = g.countriesByIso.get(iso);
  return country ? groupEntity(g, country, head) : undefined;
}

export function findMentions(a: Analysis, ctx: MatchContext): Mention[] {
  const { gazetteer: g, index: ix } = ctx;
  const toks = a.tokens;
  const out: Mention[] = [];
  const titles: Array<{ first: number; last: number; role: string; inner: Mention[] }> = [];
  const covered = new Uint8Array(toks.length);

  for (let i = 0; i < toks.length; ) {
    const t = toks[i]!;
    const dictStart = dictSpanAt(ix, t) > 0;
    if (t.credit || (!ix.prefixes.has(t.lower) && !ix.prefixes.has(t.norm) && !dictStart)) {
      i++;
      continue;
    }
    const m = longestAt(a, ix, i);
    if (!m) {
      i++;
      continue;
    }
    if (m.role) {
      // names inside a title ("head of the Popular Mobilization Forces") stand if the title names no one
      const inner: Mention[] = [];
      for (let k = i + 1; k < m.last; ) {
        const n = longestAt(a, ix, k);
        if (n?.entity && n.last <= m.last) {
          inner.push(mention(a, k, n.last, n.entity, n.via!, n.entity.sector));
          k = n.last;
        } else k++;
      }
      titles.push({ first: i, last: m.last, role: m.role, inner });
    }
    else out.push(mention(a, i, m.last, m.entity!, m.via!, sectorOn(m.entity!, ctx.publishedAt)));
    for (let k = i; k < m.last; k++) covered[k] = 1;
    i = m.last;
  }

  // Phonetic variants of known persons among the capitalised words left over, only
  // for person-like names in a political context: the person's country is named in
  // the article, or a title stands before the name (a footballer Salah is not Salih).
  const named = new Set(out.map((m) => m.entity.country));
  const titleEnds = new Set(titles.map((x) => x.last));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (covered[i] || t.credit || !isCapitalised(t) || t.value.length < 4 || !/^[A-Za-z]+$/.test(t.value)) continue;
    if (t.pos !== 'PROPN' && t.pos !== 'NOUN' && t.pos !== 'X') continue;
    let first = i;
    // "Al-Mohandis": the particle belongs to the surname.
    if (i >= 2 && toks[i - 1]!.value === '-' && /^(?:al|el)$/i.test(toks[i - 2]!.value) && !covered[i - 2]) first = i - 2;
    const prev = toks[first - 1];
    const prevWord = prev && isCapitalised(prev) && prev.sentence === t.sentence ? prev.value : undefined;
    // a lone word opening a sentence is any capitalised word
    if (!prevWord && (prev === undefined || prev.sentence !== t.sentence)) continue;
    const found = phoneticPerson(ctx.phonetic, t.value, prevWord);
    if (!found) continue;
    const person = found.entity;
    const titled = titleEnds.has(first) || (prev !== undefined && HONORIFIC.test(prev.value));
    if (!found.full && !named.has(person.country) && !titled) continue;
    if (prevWord && !covered[first - 1]) first -= 1;
    out.push(mention(a, first, i + 1, person, 'phonetic', person.sector));
    for (let k = first; k <= i; k++) covered[k] = 1;
  }
  out.sort((x, y) => x.first - y.first);
  const base = out.length ? dominantCountry(out, g) : '';

  // Groups: "two Iraqi officials", "Iran's leaders", "Shiite lawmakers", "protesters".
  const byFirst = new Map<number, Mention>();
  for (const m of out) byFirst.set(m.first, m);
  const extra: Mention[] = [];
  const titleStarts = new Set(titles.map((t) => t.first));
  const headAt = (j: number): GroupHead | undefined => (titleStarts.has(j) || covered[j] ? undefined : groupHeadAt(g, toks, j));
  for (const m of out) {
    if (m.entity.kind !== 'country' && m.entity.kind !== 'org') continue;
    let j = m.last;
    if (m.possessive) j++;
    while (j < toks.length && j < m.last + 4 && GROUP_FILLER.has(toks[j]!.lower) && !headAt(j)) j++;
    const head = headAt(j);
    if (!head || byFirst.has(j)) continue;
    // "Hamas militants", "NATO troops": the organisation itself
    const ofCountry = m.entity.kind === 'country';
    const e = ofCountry ? groupEntity(g, m.entity, head) : m.entity;
    if (!e) continue;
    m.entity = e;
    if (ofCountry) m.sector = head.sector;
    m.last = head.last;
    m.end = toks[head.last - 1]!.end;
    m.possessive = toks[head.last] !== undefined && POSSESSIVE.has(toks[head.last]!.lower);
    for (let k = j; k < head.last; k++) covered[k] = 1;
  }
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i]!;
    if (covered[i] || w.credit) continue;
    const two = w.lower === 'members' && toks[i + 2] ? `${w.lower} ${toks[i + 1]!.lower} ${toks[i + 2]!.lower}` : '';
    if (LEG_HEADS.has(w.lower) || LEG_HEADS.has(two)) {
      const last = LEG_HEADS.has(two) ? i + 3 : i + 1;
      const e = baseGroup(g, { last, sector: 'LEG', noun: w.lower }, base);
      if (e) extra.push(mention(a, i, last, e, 'head', 'LEG'));
    } else if (CVL_HEADS.has(w.lower)) {
      const e = baseGroup(g, { last: i + 1, sector: 'CVL', noun: w.lower }, base);
      if (e) extra.push(mention(a, i, i + 1, e, 'head', 'CVL'));
    }
  }

  // Titles: before a name they just widen it; otherwise they stand for the holder.
  const sorted = [...out, ...extra].sort((x, y) => x.first - y.first);
  const starting = new Map<number, Mention>();
  const ending = new Map<number, Mention>();
  for (const m of sorted) {
    starting.set(m.first, m);
    ending.set(m.possessive ? m.last + 1 : m.last, m);
  }
  for (const ti of titles) {
    // "a former National Security Adviser" names no current holder
    if (ti.first > 0 && /^(?:former|late|ex|then|previous|outgoing|deputy|vice|assistant|acting)$/.test(toks[ti.first - 1]!.lower)) {
      sorted.push(...ti.inner);
      continue;
    }
    let j = ti.last;
    while (toks[j] && /^(?:gen|maj|brig|col|lt|adm|mr|dr|sheikh|general)\.?$/i.test(toks[j]!.value.replace(/\.$/, ''))) j++;
    if (toks[j]?.value === '.') j++;
    const after = starting.get(j);
    if (after && after.entity.kind === 'person') {
      after.first = ti.first;
      after.start = toks[ti.first]!.start;
      continue;
    }
    let country: string | undefined;
    let first = ti.first;
    let last = ti.last;
    const before = ending.get(ti.first);
    if (before && (before.entity.kind === 'country' || before.entity.kind === 'org')) {
      country = before.entity.country;
      first = before.first;
    } else if (toks[ti.last]?.lower === 'of' && starting.get(ti.last + 1)?.entity.kind === 'country') {
      const of = starting.get(ti.last + 1)!;
      country = of.entity.country;
      last = of.last;
    }
    const unique = country ? undefined : uniqueHolder(g, ti.role, ctx.publishedAt);
    const holder = officeHolder(g, ti.role, country ?? base, ctx.publishedAt) ?? unique;
    const title = { role: ti.role, country: unique?.country ?? country ?? base };
    if (!holder) {
      // no holder on the publication date: the country stands, and the office is kept for the event's date
      if (before && first === before.first && country) before.title = title;
      sorted.push(...ti.inner);
      continue;
    }
    if (before && first === before.first) {
      // "Iraq's prime minister": the country mention becomes the person.
      before.entity = holder;
      before.via = 'title';
      before.sector = holder.sector;
      before.last = last;
      before.end = toks[last - 1]!.end;
      before.possessive = toks[last] !== undefined && POSSESSIVE.has(toks[last]!.lower);
      before.title = title;
    } else {
      sorted.push({ ...mention(a, first, last, holder, 'title', holder.sector), title });
    }
  }
  sorted.sort((x, y) => x.first - y.first || y.last - x.last);

  // Adjacent mentions of one entity are one mention ("US" + "Treasury Department").
  const merged: Mention[] = [];
  for (const m of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && m.first < prev.last) continue;
    if (prev && prev.entity.id === m.entity.id && m.first === prev.last && toks[m.first]!.sentence === toks[prev.first]!.sentence) {
      prev.last = m.last;
      prev.end = m.end;
      prev.possessive = m.possessive;
      if (m.entity.kind === 'person' || m.entity.kind === 'body') prev.entity = m.entity;
      continue;
    }
    merged.push(m);
  }
  return merged;
}
