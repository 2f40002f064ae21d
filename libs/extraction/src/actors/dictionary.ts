// The converted field dictionaries (data/dictionaries/, from CAMEO/Phoenix):
// actors with dated roles, place names of countries, agent nouns. Loaded beside
// our own JSON gazetteer, which overrides them: a dictionary actor that shares a
// name and country with one of ours becomes ours (our id, name and sector).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sector } from '#domain';
import type { AliasEntry, DatedRole, Entity, Office } from './gazetteer.js';
import { looseKey, type DictActor } from './phoenix-convert.js';

export interface DictionaryLayer {
  /** Loose name key ("nurialmaliki") -> entry; names of more than one country are left out. */
  names: Map<string, AliasEntry>;
  /**
   * First part of a name (up to a space or punctuation, loose: "al" of "al-Maliki")
   * -> the most tokens a name starting with it may take; a scan starts only there.
   */
  starts: Map<string, number>;
  /** Keys of persons' one-word names ("netanyahu"): bare surnames, see AliasEntry.surname. */
  surnames: Set<string>;
  /** Agent nouns ("foreign minister", "protesters") -> sector, lower-case, single spaces. */
  agents: Map<string, Sector>;
  /** Longest agent noun in words. */
  agentWords: number;
  /** Every word-prefix of an agent noun ("foreign", "foreign minister"), so a scan stops early. */
  agentPrefixes: Set<string>;
  entities: Entity[];
}

/** Sectors of the state itself: their bodies are coded as the country (the catalog's "iran"). */
const STATE_SECTORS = new Set<Sector>(['GOV', 'MIL', 'COP', 'SPY']);

interface ActorFile {
  places: Array<[string, string]>;
  actors: DictActor[];
}

export function loadDictionaryLayer(
  dir: string,
  countriesByIso: Map<string, Entity>,
  ours: AliasEntry[],
): DictionaryLayer | undefined {
  const actorsPath = join(dir, 'actors.json');
  if (!existsSync(actorsPath)) return undefined;
  const file = JSON.parse(readFileSync(actorsPath, 'utf8')) as ActorFile;
  const agentRows = JSON.parse(readFileSync(join(dir, 'agents.json'), 'utf8')) as Array<[string, Sector]>;

  // our persons and organisations by loose name and country: the override layer
  const oursByKey = new Map<string, Entity>();
  for (const a of ours)
    if (a.entity.kind === 'person' || a.entity.kind === 'org')
      oursByKey.set(`${looseKey(a.surface)}|${a.entity.country}`, a.entity);

  const names = new Map<string, AliasEntry>();
  const conflicted = new Set<string>();
  const starts = new Map<string, number>();
  const surnames = new Set<string>();
  const entities: Entity[] = [];
  // one entry per actor, shared by all its names (the surface is the actor's name)
  const entries = new Map<Entity, AliasEntry>();
  /** `form` is a table name in match form ("nuri al maliki"). */
  const put = (form: string, entity: Entity): void => {
    const key = form.replaceAll(' ', '');
    if (key.length < 3 || conflicted.has(key)) return;
    const old = names.get(key);
    if (old && old.entity !== entity) {
      // one name, two actors: keep it only if they are of one country and kind (the first listed wins)
      if (old.entity.country !== entity.country || old.entity.kind !== entity.kind) {
        names.delete(key);
        conflicted.add(key);
      }
      return;
    }
    let entry = entries.get(entity);
    if (!entry) entries.set(entity, (entry = { surface: entity.name, entity, via: 'alias' }));
    names.set(key, entry);
    if (entity.kind === 'person' && !form.includes(' ')) surnames.add(key);
    // tokens the name may take: its words and the punctuation between them
    const space = form.indexOf(' ');
    const first = space < 0 ? form : form.slice(0, space);
    let words = 1;
    for (let k = space; k >= 0; k = form.indexOf(' ', k + 1)) words++;
    starts.set(first, Math.max(starts.get(first) ?? 0, words * 2));
  };

  for (const [place, iso] of file.places) {
    const country = countriesByIso.get(iso);
    if (country) put(place, country);
  }
  for (const row of file.actors) {
    const roles: DatedRole[] = row.roles.map(([country, sector, from, to]) => ({
      country,
      sector: sector ?? undefined,
      from,
      to,
    }));
    const main = roles.find((r) => r.sector && !r.to) ?? roles.find((r) => r.sector) ?? roles[0]!;
    const offices: Office[] | undefined = row.offices?.map(([role, country, from, to]) => ({
      role,
      country,
      from: from || '0000-01-01',
      to,
    }));
    // one of ours by a name of more than one word: a shared acronym ("ICC": the court, the chamber of commerce) is no
    // proof; an organisation by its own name only (Phoenix's "United States Military" lists CENTCOM among its names)
    const keys =
      row.kind === 'person'
        ? row.aliases.filter((s) => s.includes(' '))
        : row.aliases.slice(0, 1).filter((s) => s.includes(' '));
    const mine = keys
      .map((s) => oursByKey.get(`${s.replaceAll(' ', '')}|${main.country}`))
      .find((e) => e !== undefined);
    let e: Entity;
    if (mine) {
      // ours wins; the dictionary adds its spellings, and a person's dated roles (an organisation keeps our sector)
      if (mine.kind === 'person') mine.roles = [...(mine.roles ?? []), ...roles];
      e = mine;
    } else if (
      row.kind === 'org' &&
      main.sector &&
      STATE_SECTORS.has(main.sector) &&
      countriesByIso.has(main.country)
    ) {
      // a ministry, army or police force stands for its state, as our government bodies do
      const country = countriesByIso.get(main.country)!;
      e = {
        id: country.id,
        name: row.name,
        country: main.country,
        sector: main.sector,
        kind: 'body',
        roles,
        source: 'dictionary',
      };
    } else {
      e = {
        id: row.id,
        name: row.name,
        country: main.country,
        sector: main.sector ?? 'UNK',
        kind: row.kind,
        roles,
        source: 'dictionary',
      };
      if (offices) e.offices = offices;
      entities.push(e);
    }
    for (const s of row.aliases) put(s, e);
  }
  const agents = new Map<string, Sector>();
  const agentPrefixes = new Set<string>();
  let agentWords = 1;
  for (const [phrase, sector] of agentRows) {
    agents.set(phrase, sector);
    const words = phrase.split(' ');
    agentWords = Math.max(agentWords, words.length);
    for (let i = 1; i <= words.length; i++) {
      const p = words.slice(0, i).join(' ');
      agentPrefixes.add(p);
      // "pro-democracy": wink gives "pro", "-", "democracy"
      for (let h = p.indexOf('-'); h > 0; h = p.indexOf('-', h + 1)) agentPrefixes.add(p.slice(0, h));
    }
  }
  return { names, starts, surnames, agents, agentWords, agentPrefixes, entities };
}

/** The role (country and sector) an actor had on a date: a dated role covering it, else its default. */
export function roleOn(e: Entity, date: string): { country: string; sector: Sector } {
  let dflt: DatedRole | undefined;
  for (const r of e.roles ?? []) {
    if (!r.from && !r.to) {
      dflt ??= r;
      continue;
    }
    if ((!r.from || r.from <= date) && (!r.to || date <= r.to) && r.sector)
      return { country: r.country, sector: r.sector };
  }
  if (dflt?.sector) return { country: dflt.country, sector: dflt.sector };
  return { country: e.country, sector: e.sector };
}

export function dictionaryDir(dataDir: string): string {
  return join(dataDir, 'dictionaries');
}
