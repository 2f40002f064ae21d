// Phoenix actor records -> the coder's actor table (data/dictionaries/actors.json).
// Pure; scripts/extraction/convert-dictionaries.ts reads the files and writes the table.
import type { Sector } from '#domain';
import { slug } from './gazetteer.js';
import { displayName, phraseWords, roleOf, type ActorRecord } from './phoenix-format.js';

/** The date of the dictionaries' snapshot: an open-ended office is known only until then. */
export const DICTIONARY_SNAPSHOT = '2019-03-18';

export type DictKind = 'person' | 'org';

/** One row of actors.json. Roles and offices are [country, sector|null, from, to]; "" = open. */
export interface DictActor {
  id: string;
  name: string;
  kind: DictKind;
  /** Names in match form (nameForm): lower case, accents and punctuation as single spaces. */
  aliases: string[];
  roles: Array<[string, Sector | null, string, string]>;
  offices?: Array<[string, string, string, string]>;
}

export interface ActorTable {
  actors: DictActor[];
  /** Place names (match form) standing for their country ("mosul" -> IRQ): the country records' synonyms. */
  places: Array<[string, string]>;
}

/** Words that make a name an organisation, not a person. */
const ORG_WORDS = new Set(
  (
    'party army forces force front movement organization organisation council ministry committee union association bank ' +
    'agency group brigade brigades commission assembly parliament government court police guard guards nations league ' +
    'alliance corps institute university company corporation federation coalition command authority office department ' +
    'service services network society foundation fund center centre club radio television news times post press tribunal ' +
    'congress senate secretariat mission battalion regiment division militia militias rebels navy air airlines cell cells ' +
    'board bureau agency administration republic kingdom state states province region tribe tribes clan people peoples ' +
    'jihad hezbollah hizbollah taliban brotherhood resistance liberation revolutionary islamic national democratic ' +
    "people's workers students youth council unit units squad team commandos army's ministry's the of and for"
  ).split(/\s+/),
);

/** Title words an alias may start with ("PRESIDENT_PUTIN"); mapped to our office names. */
const TITLE_PREFIXES: ReadonlyArray<[string[], string]> = [
  [['prime', 'minister'], 'prime minister'],
  [['pm'], 'prime minister'],
  [['premier'], 'prime minister'],
  [['vice', 'president'], 'vice president'],
  [['president'], 'president'],
  [['king'], 'king'],
  [['foreign', 'minister'], 'foreign minister'],
  [['defense', 'minister'], 'defense minister'],
  [['defence', 'minister'], 'defense minister'],
];
const HONORIFIC = new Set(['mr', 'mrs', 'ms', 'dr', 'sheikh', 'reformer', 'general', 'gen', 'secretary-general']);

function titleOf(words: string[]): string | undefined {
  // "RUSSIAN_PRESIDENT_VLADIMIR_PUTIN": a nationality word may come first
  for (const start of [0, 1]) {
    for (const [t, role] of TITLE_PREFIXES) {
      if (t.every((w, i) => words[start + i] === w) && words.length > start + t.length) return role;
    }
  }
  return undefined;
}

/** The name without a leading title or honorific ("president putin" -> "putin"). */
function bareName(words: string[]): string[] {
  let i = 0;
  for (const start of [0, 1]) {
    for (const [t] of TITLE_PREFIXES) if (t.every((w, k) => words[start + k] === w)) i = Math.max(i, start + t.length);
  }
  while (i < words.length - 1 && HONORIFIC.has(words[i]!)) i++;
  return words.slice(i);
}

export function isOrgName(words: string[]): boolean {
  return words.some((w) => ORG_WORDS.has(w.replace(/['\u2019]s$/, '')));
}

/**
 * A name in the form the tables store it: lower case, accents dropped, spaces,
 * hyphens, dots and apostrophes as single spaces, no leading "the"
 * ("The Nuri al-Maliki" -> "nuri al maliki"). Loading then needs no regex.
 */
export function nameForm(s: string): string {
  // most names are ASCII: skip the (slow) decomposition of accents for them
  const plain = /^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return plain
    .toLowerCase()
    .replace(/[\s\-.'\u2019_]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** The loose key names are matched on: the name form without its spaces ("nurialmaliki"). */
export function looseKey(s: string): string {
  return nameForm(s).replace(/ /g, '');
}

export interface ConvertOptions {
  isoCodes: ReadonlySet<string>;
  /** Single words never taken as a name on their own (role nouns, verbs, common words). */
  commonWords: ReadonlySet<string>;
}

/**
 * A name worth matching: not a bare common word or given name ("Hassan" alone is
 * anyone), not too short to mean anything (three letters only for an acronym of a group).
 */
function usableAlias(words: string[], opts: ConvertOptions, org: boolean, givenNames: ReadonlySet<string>): boolean {
  const key = looseKey(words.join(''));
  if (key.length < 3 || /^\d+$/.test(key)) return false;
  const content = words.filter((w) => !/^(?:al|el|the|of|and)$/.test(w));
  if (content.length !== 1) return true;
  const w = content[0]!;
  if (opts.commonWords.has(w) || w.length < (org ? 3 : 4)) return false;
  return !givenNames.has(w);
}

/** First words of persons' full names: given names, which alone name no one in particular. */
function givenNamesOf(records: ActorRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    for (const n of r.names) {
      const w = bareName(phraseWords(n));
      if (w.length >= 2 && !isOrgName(w)) out.add(w[0]!);
    }
  }
  return out;
}

export function convertActors(records: ActorRecord[], opts: ConvertOptions): ActorTable {
  const places = new Map<string, string>();
  const byKey = new Map<string, DictActor>();
  const actors: DictActor[] = [];
  const givenNames = givenNamesOf(records);
  for (const r of records) {
    const roles = r.codes.map((c) => ({ c, role: roleOf(c.code, opts.isoCodes) })).filter((x) => x.role !== undefined);
    if (roles.length === 0) continue;
    const wordLists = r.names.map(phraseWords).filter((w) => w.length > 0);
    if (wordLists.length === 0) continue;
    // A country record: bare country codes; its synonyms are places of that country.
    const current =
      roles.find((x) => x.c.to === '' && x.c.from !== '') ??
      roles.find((x) => !x.c.from && !x.c.to) ??
      roles[roles.length - 1]!;
    if (current.c.code.length === 3) {
      const iso = current.role!.country;
      if (iso === 'IGO') continue;
      for (const w of wordLists) if (usableAlias(w, opts, true, givenNames)) places.set(nameForm(w.join(' ')), iso);
      continue;
    }
    const primary = wordLists[0]!;
    const kind: DictKind = wordLists.some(isOrgName) || primary.length === 1 ? 'org' : 'person';
    const canonical = kind === 'person' ? bareName(primary) : primary;
    const aliases = [
      ...new Set(
        wordLists.filter((w) => usableAlias(w, opts, kind === 'org', givenNames)).map((w) => nameForm(w.join(' '))),
      ),
    ];
    if (aliases.length === 0) continue;
    const name = displayName(canonical);
    const rows: DictActor['roles'] = roles.map(({ c, role }) => [role!.country, role!.sector ?? null, c.from, c.to]);
    // the same name twice (a person listed under two roles): one actor
    const key = looseKey(name);
    const same = byKey.get(key);
    if (same && same.roles[0]![0] === rows[0]![0]) {
      for (const a of aliases) if (!same.aliases.includes(a)) same.aliases.push(a);
      same.roles.push(...rows);
      continue;
    }
    const a: DictActor = { id: slug(name), name, kind, aliases, roles: rows };
    if (kind === 'person') {
      const titles = new Set(wordLists.map(titleOf).filter((t): t is string => t !== undefined));
      for (const n of r.notes) {
        const m = /^(?:[a-z.]+ )?(presidents?|prime ministers?|kings?|foreign ministers?)$/.exec(n);
        if (m) titles.add(m[1]!.replace(/s$/, ''));
      }
      // two offices in the aliases (president and prime minister): which was when is unknown
      if (titles.size === 1) {
        const role = [...titles][0]!;
        // the title names the office of the latest government span (PETRARCH's roles say GOV, not which office)
        const gov = rows
          .filter((x) => x[1] === 'GOV' && (x[2] || x[3]))
          .sort((x, y) => (x[2] || x[3]).localeCompare(y[2] || y[3]));
        const last = gov[gov.length - 1];
        if (last) a.offices = [[role, last[0], last[2], last[3] || DICTIONARY_SNAPSHOT]];
      }
    }
    byKey.set(key, a);
    actors.push(a);
  }
  mergeAcronyms(actors);
  // ids are unique: a second actor of the same name gets its country
  const ids = new Map<string, number>();
  for (const a of actors) ids.set(a.id, (ids.get(a.id) ?? 0) + 1);
  for (const a of actors) if ((ids.get(a.id) ?? 0) > 1) a.id = `${a.id}-${a.roles[0]![0].toLowerCase()}`;
  const seen = new Set<string>();
  const unique = actors.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
  return { actors: unique, places: [...places].sort((x, y) => x[0].localeCompare(y[0])) };
}

const MINOR = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'de', 'des', 'du', 'la', 'le']);

/** "ECOWAS" listed apart from "Economic Community of West African States": one actor, the full name's. */
function mergeAcronyms(actors: DictActor[]): void {
  const byInitials = new Map<string, DictActor>();
  for (const a of actors) {
    if (a.kind !== 'org') continue;
    const words = a.name
      .toLowerCase()
      .split(/[\s-]+/)
      .filter((w) => !MINOR.has(w));
    if (words.length >= 3) byInitials.set(`${words.map((w) => w[0]).join('')}|${a.roles[0]![0]}`, a);
  }
  for (let i = actors.length - 1; i >= 0; i--) {
    const a = actors[i]!;
    if (a.kind !== 'org' || /\s/.test(a.name)) continue;
    const full = byInitials.get(`${looseKey(a.name)}|${a.roles[0]![0]}`);
    if (!full || full === a) continue;
    for (const x of a.aliases) if (!full.aliases.includes(x)) full.aliases.push(x);
    actors.splice(i, 1);
  }
}
