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
import { entityOn, sectorOn } from './titles.js';

/** Words that may stand between a country and its group noun ("two senior Iraqi officials"). */
const GROUP_FILLER = new Set([
  'senior',
  'top',
  'local',
  'government',
  'security',
  'shiite',
  'sunni',
  'kurdish',
  'political',
  'military',
  'state',
  'foreign',
  'defense',
  'defence',
  'many',
  'most',
  'some',
  'other',
  'former',
  'new',
  'combat',
  'remaining',
  'border',
  'special',
  'naval',
  'ground',
  'elite',
  'regular',
  'interim',
  'transitional',
  'federal',
  'national',
  'regional',
  'allied',
  'rival',
  'armed',
  'riot',
]);
const POSSESSIVE = new Set(["'s", "'", 's']);
const HONORIFIC =
  /^(?:gen|maj|brig|col|lt|adm|mr|mrs|ms|dr|sheikh|general|president|minister|commander|chief|premier)\.?$/i;

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
const NAME_GLUE = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'abu',
  'ul',
  'ud',
  'de',
  'da',
  'di',
  'del',
  'der',
  'van',
  'von',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'of',
  'the',
  'and',
  'for',
  'on',
  'in',
]);

type Match = { last: number; entity?: Entity; via?: Mention['via']; role?: string; surname?: boolean };

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
    if (j > i && toks[j - 1]!.end !== t.start && /^[-']/.test(t.value) === false && /-$/.test(toks[j - 1]!.value))
      break;
    if (j - i >= ix.maxTokens) exactAlive = lowerAlive = false;
    if (exactAlive) exactAlive = ix.prefixes.has((exactKey += t.norm));
    if (lowerAlive) lowerAlive = ix.prefixes.has((lowerKey += t.lower));
    // a name runs over capitalised words, particles ("al", "of") and punctuation only
    if (
      dict &&
      (j - i >= dictSpan || (j > i && !isUpperStart(t) && !NAME_GLUE.has(t.lower) && /^[a-z0-9]/.test(t.lower)))
    )
      dict = undefined;
    if (dict) looseKey += looseOf(t);
    const exactOk = exactAlive;
    const lowerOk = lowerAlive;
    // a dictionary name ends on a capitalised word (namelike)
    const looseOk = dict !== undefined && looseKey.length > 0 && isUpperStart(t);
    if (!exactOk && !lowerOk && !dict) break;
    // A match must end at a word boundary: "Iran" inside "Iranian" is not Iran.
    const next = toks[j + 1];
    const glued =
      next !== undefined && next.start === t.end && /^[a-z0-9]/i.test(next.value) && /[a-z0-9]$/i.test(t.value);
    if (glued) continue;
    const e = exactOk ? ix.exact.get(exactKey) : undefined;
    if (e) best = { last: j + 1, entity: e.entity, via: e.via, surname: e.surname };
    else {
      const f = lowerOk ? ix.folded.get(lowerKey) : undefined;
      if (f) best = { last: j + 1, entity: f.entity, via: f.via, surname: f.surname };
      else {
        const role = lowerOk ? ix.titles.get(lowerKey) : undefined;
        if (role) best = { last: j + 1, role };
      }
    }
    if (looseOk && dict) {
      const d = dict.names.get(looseKey);
      if (d && namelike(a, i, j + 1))
        bestDict = { last: j + 1, entity: d.entity, via: d.via, surname: dict.surnames.has(looseKey) };
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

/**
 * The story's own country: the one named most (a country's name counts double). The
 * US, named in most wire stories about others, counts half, so it is the story's
 * country only when the story is about it. None when no country is named.
 */
export function storyCountry(mentions: Mention[]): string | undefined {
  const counts = new Map<string, number>();
  for (const m of mentions) {
    const c = m.entity.country;
    if (c === 'IGO' || c === 'UNK') continue;
    const w = (m.entity.kind === 'country' ? 2 : 1) * (c === 'USA' ? 0.5 : 1);
    counts.set(c, (counts.get(c) ?? 0) + w);
  }
  let best: string | undefined;
  let n = 0;
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
  return best;
}

function mention(
  a: Analysis,
  first: number,
  last: number,
  entity: Entity,
  via: Mention['via'],
  sector: Sector,
): Mention {
  const t = a.tokens;
  const next = t[last];
  const possessive = next !== undefined && POSSESSIVE.has(next.lower) && next.start === t[last - 1]!.end;
  return {
    first,
    last,
    start: t[first]!.start,
    end: t[last - 1]!.end,
    nameStart: t[first]!.start,
    entity,
    via,
    sector,
    possessive,
  };
}

/** A country-less group ("lawmakers", "protesters"): of the article's main country. */
/** Armed-group nouns that, with no nationality or name before them, stand for the story country's armed groups. */
const BARE_REB_HEADS = new Set(['militias', 'militiamen', 'militia']);

/** The story country's armed groups as our tables describe them ("Iran-backed militias" for Iraq), if any. */
function describedRebels(g: Gazetteer, iso: string): Entity | undefined {
  if (!iso) return undefined;
  for (const e of g.entities.values()) if (e.describes && e.sector === 'REB' && e.country === iso) return e;
  return undefined;
}

function baseGroup(g: Gazetteer, head: GroupHead, iso: string): Entity | undefined {
  const country = g.countriesByIso.get(iso);
  return country ? groupEntity(g, country, head) : undefined;
}

/** Singular role nouns a definite description can use for someone already named, and the sectors that fit them. */
const ANAPHOR_NOUNS = new Map<string, ReadonlySet<Sector>>([
  ...['commander', 'general', 'military chief', 'army chief'].map((n): [string, ReadonlySet<Sector>] => [
    n,
    new Set<Sector>(['MIL']),
  ]),
  ...[
    'minister',
    'foreign minister',
    'defense minister',
    'defence minister',
    'interior minister',
    'president',
    'premier',
    'prime minister',
    'diplomat',
    'top diplomat',
    'envoy',
    'leader',
    'head of state',
  ].map((n): [string, ReadonlySet<Sector>] => [n, new Set<Sector>(['GOV'])]),
]);

/**
 * "the (top) Iranian commander" after "Esmail Qaani": a definite description with a
 * singular role noun stands for the one person of that country of a fitting sector the
 * text has already named; with none or several it stays the country's group.
 */
function definiteHolder(toks: Token[], out: Mention[], m: Mention, head: GroupHead): Entity | undefined {
  const fits = ANAPHOR_NOUNS.get(head.noun);
  if (!fits) return undefined;
  let k = m.first - 1;
  while (k >= 0 && GROUP_FILLER.has(toks[k]!.lower)) k--;
  if (toks[k]?.lower !== 'the') return undefined;
  let found: Entity | undefined;
  for (const p of out) {
    if (
      p.first >= m.first ||
      p.entity.kind !== 'person' ||
      p.entity.country !== m.entity.country ||
      !fits.has(p.sector)
    )
      continue;
    if (found && found.id !== p.entity.id) return undefined;
    found = p.entity;
  }
  return found;
}

/**
 * "the Iran-backed militia group" in a story about Yemen is the Houthis: a descriptive
 * name of another country than the story's stands for the armed group the story names most.
 */
function describedGroups(out: Mention[]): void {
  if (!out.some((m) => m.entity.describes)) return;
  const story = storyCountry(out);
  const counts = new Map<Entity, number>();
  for (const m of out)
    if (m.entity.kind === 'org' && m.entity.sector === 'REB' && !m.entity.describes)
      counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  let named: Entity | undefined;
  let n = 0;
  for (const [e, k] of counts) if (k > n) [named, n] = [e, k];
  if (!named) return;
  for (const m of out) {
    if (!m.entity.describes || m.entity.country === story) continue;
    m.entity = named;
    m.sector = named.sector;
  }
}

/** A person's name we do not know at token j: two or more capitalised words no mention took, in one sentence. */
function unknownNameAt(toks: Token[], j: number, covered: Uint8Array): boolean {
  return nameEnd(toks, j, covered) - j >= 2;
}

/** One past the capitalised words from j (particles such as "al-" inside), within the sentence. */
function nameEnd(toks: Token[], j: number, covered: Uint8Array): number {
  const s = toks[j]?.sentence;
  let k = j;
  while (
    toks[k] &&
    !covered[k] &&
    toks[k]!.sentence === s &&
    (isUpperStart(toks[k]!) ||
      (k > j && (NAME_GLUE.has(toks[k]!.lower) || toks[k]!.value === '-') && toks[k + 1] && isUpperStart(toks[k + 1]!)))
  )
    k++;
  return k;
}

/** Last words of organisation names that stand for the organisation after "the", once it is named in full. */
const ORG_HEADS = new Set([
  'Union',
  'Alliance',
  'Commission',
  'Court',
  'Council',
  'Assembly',
  'Front',
  'Movement',
  'Party',
  'Agency',
  'Organization',
  'Organisation',
  'Bank',
  'Fund',
  'League',
  'Community',
  'Forces',
  'Army',
  'Corps',
  'Group',
]);

interface Bare {
  first: number;
  last: number;
  entity: Entity;
}

/** The word a name ends on, as written ("Sybiha" of "Andrii Sybiha", "Fayyad" of "al-Fayyad"); none for suffixes. */
function surnameOf(a: Analysis, m: Mention): string | undefined {
  const w = a.tokens[m.last - 1]!.value;
  if (m.last - m.first < 2 || w.length < 3 || !isUpperStart(a.tokens[m.last - 1]!) || /^(?:[IVX]+|Jr|Sr)\.?$/.test(w))
    return undefined;
  return w;
}

/** Roles whose holders headlines name by surname alone ("Biden postpones Africa visit", "Macron to visit Kyiv"). */
const LEADER_ROLES: ReadonlySet<string> = new Set([
  'president',
  'prime minister',
  'chancellor',
  'king',
  'emir',
  'supreme leader',
  'junta leader',
  'crown prince',
]);

/** In the article's headline: its first sentence, ending without a full stop as headlines do. */
function inHeadline(toks: readonly Token[], i: number): boolean {
  if (toks[i]!.sentence !== 0) return false;
  let last = i;
  while (last + 1 < toks.length && toks[last + 1]!.sentence === 0) last++;
  return !/^[.!?]$/.test(toks[last]!.value);
}

/** A head of state or government (or the like) in office on the article's date. */
function leadsOn(e: Entity, date: string): boolean {
  return e.offices?.some((o) => LEADER_ROLES.has(o.role) && o.from <= date && date < o.to) ?? false;
}

/**
 * Bare surnames: a one-word person alias stands for the person only when the
 * article also names them in full (anywhere: a headline comes first) or a title or
 * honorific stands before it ("President Ruto", "Mr Sybiha"); else it is the person
 * of that surname the article does name in full; else an office holder's surname in a
 * sentence that names a state or an organisation ("Erdogan accused Sweden"), or in the
 * headline (a first sentence without a full stop: headlines name leaders by surname alone) a head of state or
 * government in office on the article's date; else nobody. The last word of every
 * person named in full also names them alone ("Andrii Sybiha ... Sybiha said").
 */
function resolveSurnames(
  a: Analysis,
  ctx: MatchContext,
  out: Mention[],
  bare: Bare[],
  titleEnds: Set<number>,
  covered: Uint8Array,
): void {
  const toks = a.tokens;
  const full = new Map<string, Entity>();
  const bySurname = new Map<string, Entity>();
  for (const m of out) {
    if (m.entity.kind !== 'person') continue;
    full.set(m.entity.id, m.entity);
    const w = surnameOf(a, m);
    if (w) bySurname.set(w, m.entity);
  }
  // "the Union" after "the European Union", "the Court" after "the International Criminal Court"
  const byHead = new Map<string, Entity>();
  for (const m of out) {
    const w = toks[m.last - 1]!.value;
    if (m.entity.kind === 'org' && m.last - m.first > 1 && ORG_HEADS.has(w)) byHead.set(w, m.entity);
  }
  if (full.size === 0 && bare.length === 0 && byHead.size === 0) return;
  const titled = (first: number): boolean =>
    titleEnds.has(first) || (first > 0 && HONORIFIC.test(toks[first - 1]!.value));
  // sentences that name a state or an organisation: a political context ("Erdogan accused Sweden")
  const political = new Set<number>();
  for (const m of out) if (m.entity.kind !== 'person') political.add(toks[m.first]!.sentence);
  const publicFigure = (e: Entity): boolean =>
    (e.offices?.length ?? 0) > 0 || (e.roles?.some((r) => r.sector !== undefined) ?? false);
  const push = (first: number, last: number, e: Entity): void => {
    out.push(mention(a, first, last, entityOn(e, ctx.publishedAt), 'alias', sectorOn(e, ctx.publishedAt)));
  };
  for (const b of bare) {
    const named = full.get(b.entity.id);
    const other = b.last - b.first === 1 ? bySurname.get(toks[b.first]!.value) : undefined;
    if (named || titled(b.first)) push(b.first, b.last, named ?? b.entity);
    else if (other) push(b.first, b.last, other);
    else if (
      publicFigure(b.entity) &&
      (political.has(toks[b.first]!.sentence) || (inHeadline(toks, b.first) && leadsOn(b.entity, ctx.publishedAt)))
    )
      push(b.first, b.last, b.entity);
    else for (let k = b.first; k < b.last; k++) covered[k] = 0;
  }
  if (bySurname.size === 0 && byHead.size === 0) return;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (covered[i] || t.credit) continue;
    const org = i > 0 && toks[i - 1]!.lower === 'the' ? byHead.get(t.value) : undefined;
    if (org) {
      out.push(mention(a, i, i + 1, org, 'alias', org.sector));
      covered[i] = 1;
      continue;
    }
    const e = bySurname.get(t.value);
    if (!e) continue;
    // "al-Fayyad": the particle belongs to the surname
    const first =
      i >= 2 && toks[i - 1]!.value === '-' && /^(?:al|el)$/i.test(toks[i - 2]!.value) && !covered[i - 2] ? i - 2 : i;
    push(first, i + 1, e);
    for (let k = first; k <= i; k++) covered[k] = 1;
  }
}

export function findMentions(a: Analysis, ctx: MatchContext): Mention[] {
  const { gazetteer: g, index: ix } = ctx;
  const toks = a.tokens;
  const out: Mention[] = [];
  const titles: Array<{ first: number; last: number; role: string; inner: Mention[] }> = [];
  const covered = new Uint8Array(toks.length);
  /** One-word person aliases found, kept back until the article is known to name the person (resolveSurnames). */
  const bare: Bare[] = [];

  for (let i = 0; i < toks.length;) {
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
      for (let k = i + 1; k < m.last;) {
        const n = longestAt(a, ix, k);
        if (n?.entity && n.last <= m.last) {
          inner.push(mention(a, k, n.last, n.entity, n.via!, n.entity.sector));
          k = n.last;
        } else k++;
      }
      titles.push({ first: i, last: m.last, role: m.role, inner });
    } else if (m.surname) bare.push({ first: i, last: m.last, entity: m.entity! });
    else
      out.push(
        mention(a, i, m.last, entityOn(m.entity!, ctx.publishedAt), m.via!, sectorOn(m.entity!, ctx.publishedAt)),
      );
    for (let k = i; k < m.last; k++) covered[k] = 1;
    i = m.last;
  }
  const titleEnds = new Set(titles.map((x) => x.last));
  resolveSurnames(a, ctx, out, bare, titleEnds, covered);

  // Phonetic variants of known persons among the capitalised words left over, only
  // for person-like names in a political context: the person's country is named in
  // the article, or a title stands before the name (a footballer Salah is not Salih).
  const named = new Set(out.map((m) => m.entity.country));
  const fullNamed = new Set(out.filter((m) => m.entity.kind === 'person').map((m) => m.entity.id));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (covered[i] || t.credit || !isCapitalised(t) || t.value.length < 4 || !/^[A-Za-z]+$/.test(t.value)) continue;
    if (t.pos !== 'PROPN' && t.pos !== 'NOUN' && t.pos !== 'X') continue;
    let first = i;
    // "Al-Mohandis": the particle belongs to the surname.
    if (i >= 2 && toks[i - 1]!.value === '-' && /^(?:al|el)$/i.test(toks[i - 2]!.value) && !covered[i - 2])
      first = i - 2;
    const prev = toks[first - 1];
    const prevWord = prev && isCapitalised(prev) && prev.sentence === t.sentence ? prev.value : undefined;
    // a lone word opening a sentence is any capitalised word
    if (!prevWord && (prev === undefined || prev.sentence !== t.sentence)) continue;
    const found = phoneticPerson(ctx.phonetic, t.value, prevWord);
    if (!found) continue;
    const person = found.entity;
    const titled = titleEnds.has(first) || (prev !== undefined && HONORIFIC.test(prev.value));
    // a capitalised word after it: this is a first name of someone else ("Minister Hussein Awad")
    const next = toks[i + 1];
    if (!found.full && next && !covered[i + 1] && next.sentence === t.sentence && isCapitalised(next)) continue;
    if (!found.full && !titled && !named.has(person.country) && !fullNamed.has(person.id)) continue;
    if (prevWord && !covered[first - 1]) first -= 1;
    out.push(mention(a, first, i + 1, person, 'phonetic', person.sector));
    for (let k = first; k <= i; k++) covered[k] = 1;
  }
  out.sort((x, y) => x.first - y.first);
  describedGroups(out);
  // groups and titles without a country are of the story's country; with none named, of nobody
  const base = storyCountry(out) ?? '';

  // Groups: "two Iraqi officials", "Iran's leaders", "Shiite lawmakers", "protesters".
  const byFirst = new Map<number, Mention>();
  for (const m of out) byFirst.set(m.first, m);
  const extra: Mention[] = [];
  const titleStarts = new Set(titles.map((t) => t.first));
  const headAt = (j: number): GroupHead | undefined =>
    titleStarts.has(j) || covered[j] ? undefined : groupHeadAt(g, toks, j);
  for (const m of out) {
    if (m.entity.kind !== 'country' && m.entity.kind !== 'org') continue;
    let j = m.last;
    if (m.possessive) j++;
    while (j < toks.length && j < m.last + 4 && GROUP_FILLER.has(toks[j]!.lower) && !headAt(j)) j++;
    let head = headAt(j);
    if (!head || byFirst.has(j)) continue;
    // the noun phrase's head is its last noun: "military government" is a government, "government forces" forces
    for (
      let next = headAt(head.last);
      next && next.last - head.last <= 2 && !byFirst.has(head.last);
      next = headAt(head.last)
    )
      head = next;
    // "Hamas militants", "NATO troops": the organisation itself
    const ofCountry = m.entity.kind === 'country';
    const e = ofCountry ? groupEntity(g, m.entity, head) : m.entity;
    if (!e) continue;
    const named = ofCountry ? definiteHolder(toks, out, m, head) : undefined;
    m.entity = named ?? e;
    if (named) {
      m.sector = named.sector;
      m.via = 'title';
    } else if (ofCountry) m.sector = head.sector;
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
    } else if (BARE_REB_HEADS.has(w.lower)) {
      // a bare "militias" is the story's country's (its described militias when we have them), never a fixed one
      const e = describedRebels(g, base) ?? baseGroup(g, { last: i + 1, sector: 'REB', noun: w.lower }, base);
      if (e) extra.push(mention(a, i, i + 1, e, 'head', 'REB'));
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
    if (
      ti.first > 0 &&
      /^(?:former|late|ex|then|previous|outgoing|deputy|vice|assistant|acting)$/.test(toks[ti.first - 1]!.lower)
    ) {
      sorted.push(...ti.inner);
      continue;
    }
    let j = ti.last;
    while (toks[j] && /^(?:gen|maj|brig|col|lt|adm|mr|dr|sheikh|general)\.?$/i.test(toks[j]!.value.replace(/\.$/, '')))
      j++;
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
    // "Foreign Minister Ali al-Sadiq", a name we do not know: someone else than our holder holds the title now
    if (unknownNameAt(toks, j, covered)) {
      const iso = country ?? base;
      const state = iso ? g.countriesByIso.get(iso) : undefined;
      if (!before && state) sorted.push(mention(a, first, nameEnd(toks, j, covered), state, 'title', 'GOV'));
      sorted.push(...ti.inner);
      continue;
    }
    const unique = country ? undefined : uniqueHolder(g, ti.role, ctx.publishedAt);
    const held = officeHolder(g, ti.role, country ?? base, ctx.publishedAt) ?? unique;
    const holder = held && entityOn(held, ctx.publishedAt);
    const title = { role: ti.role, country: unique?.country ?? country ?? base };
    if (!holder || !title.country) {
      // no holder on the publication date: the country stands, and the office is kept for the event's date
      if (before && first === before.first && country) before.title = title;
      sorted.push(...ti.inner);
      continue;
    }
    if (before && first === before.first) {
      // "Iraq's prime minister": the country mention becomes the person.
      before.entity = holder;
      before.via = 'title';
      before.sector = sectorOn(holder, ctx.publishedAt);
      before.last = last;
      before.end = toks[last - 1]!.end;
      before.possessive = toks[last] !== undefined && POSSESSIVE.has(toks[last]!.lower);
      before.title = title;
    } else {
      sorted.push({ ...mention(a, first, last, holder, 'title', sectorOn(holder, ctx.publishedAt)), title });
    }
  }
  sorted.sort((x, y) => x.first - y.first || y.last - x.last);

  // Adjacent mentions of one entity are one mention ("US" + "Treasury Department").
  const merged: Mention[] = [];
  for (const m of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && m.first < prev.last) continue;
    if (
      prev &&
      prev.entity.id === m.entity.id &&
      m.first === prev.last &&
      toks[m.first]!.sentence === toks[prev.first]!.sentence
    ) {
      prev.last = m.last;
      prev.end = m.end;
      prev.possessive = m.possessive;
      if (m.entity.kind === 'person' || m.entity.kind === 'body') prev.entity = m.entity;
      continue;
    }
    // "South Korea's Joint Chiefs of Staff": a state organ named after a country's possessive is that country's
    if (
      prev &&
      prev.possessive &&
      m.first === prev.last + 1 &&
      m.entity.kind === 'body' &&
      prev.entity.kind === 'country' &&
      m.entity.country !== prev.entity.country &&
      toks[m.first]!.sentence === toks[prev.first]!.sentence
    ) {
      merged[merged.length - 1] = { ...prev, last: m.last, end: m.end, sector: m.sector, possessive: m.possessive };
      continue;
    }
    // "Pakistani Prime Minister Shehbaz Sharif", "Iraq's Prime Minister X", "US Secretary of State Antony Blinken": the
    // country before a person of that country is their description, not a second actor
    // ("his Saudi counterpart Faisal bin Farhan" too)
    const gap = (prev?.possessive ? 1 : 0) + (prev && /^counterparts?$/.test(toks[prev.last]?.lower ?? '') ? 1 : 0);
    if (
      prev &&
      m.entity.kind === 'person' &&
      m.first === prev.last + gap &&
      prev.entity.country === m.entity.country &&
      (prev.entity.kind === 'country' || prev.entity.kind === 'body') &&
      !prev.title &&
      toks[m.first]!.sentence === toks[prev.first]!.sentence
    ) {
      merged[merged.length - 1] = { ...m, first: prev.first, start: prev.start };
      continue;
    }
    merged.push(m);
  }
  shareGroupNoun(toks, merged);
  return merged;
}

/**
 * "Indian and Chinese troops", "South Korean and Japanese officials": demonyms
 * coordinated before one group noun all take its sector (the first is no bare GOV).
 */
function shareGroupNoun(toks: Token[], ms: Mention[]): void {
  const shared = new Set<Mention>();
  for (let k = ms.length - 2; k >= 0; k--) {
    const m = ms[k]!;
    const next = ms[k + 1]!;
    if (m.via !== 'demonym' || m.possessive || m.entity.kind !== 'country') continue;
    const glue = toks[m.last]?.lower;
    if (
      (glue !== 'and' && glue !== 'or' && glue !== ',') ||
      next.first !== m.last + 1 ||
      next.entity.kind !== 'country'
    )
      continue;
    // the next one took a group noun (or shares one further on): its sector is the noun's
    if (
      next.via !== 'demonym' ||
      (next.last - next.first < 2 && !shared.has(next)) ||
      toks[next.first]!.sentence !== toks[m.first]!.sentence
    )
      continue;
    m.sector = next.sector;
    shared.add(m);
  }
}
