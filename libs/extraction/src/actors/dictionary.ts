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
  /** Every prefix of a name key that ends where a token may end. */
  prefixes: Set<string>;
  /** Agent nouns ("foreign minister", "protesters") -> sector, lower-case, single spaces. */
  agents: Map<string, Sector>;
  /** Longest agent noun in words. */
  agentWords: number;
  entities: Entity[];
}

/** Sectors of the state itself: their bodies are coded as the country (the catalog's "iran"). */
const STATE_SECTORS = new Set<Sector>(['GOV', 'MIL', 'COP', 'SPY']);

interface ActorFile {
  places: Array<[string, string]>;
  actors: DictActor[];
}

/** Prefixes of a name key at its word ends and at its punctuation: where a wink token may end. */
function boundaryPrefixes(name: string, into: Set<string>): void {
  let key = '';
  for (const p of name.split(/[\s\-.'\u2019_]+/)) {
    key += looseKey(p);
    into.add(key);
  }
}

export function loadDictionaryLayer(dir: string, countriesByIso: Map<string, Entity>, ours: AliasEntry[]): DictionaryLayer | undefined {
  const actorsPath = join(dir, 'actors.json');
  if (!existsSync(actorsPath)) return undefined;
  const file = JSON.parse(readFileSync(actorsPath, 'utf8')) as ActorFile;
  const agentRows = JSON.parse(readFileSync(join(dir, 'agents.json'), 'utf8')) as Array<[string, Sector]>;

  // our persons and organisations by loose name and country: the override layer
  const oursByKey = new Map<string, Entity>();
  for (const a of ours) if (a.entity.kind === 'person' || a.entity.kind === 'org') oursByKey.set(`${looseKey(a.surface)}|${a.entity.country}`, a.entity);

  const names = new Map<string, AliasEntry>();
  const conflicted = new Set<string>();
  const prefixes = new Set<string>();
  const entities: Entity[] = [];
  const put = (surface: string, entity: Entity): void => {
    const key = looseKey(surface);
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
    names.set(key, { surface, entity, via: 'alias' });
    boundaryPrefixes(surface, prefixes);
  };

  for (const [place, iso] of file.places) {
    const country = countriesByIso.get(iso);
    if (country) put(place, country);
  }
  for (const row of file.actors) {
    const roles: DatedRole[] = row.roles.map(([country, sector, from, to]) => ({ country, sector: sector ?? undefined, from, to }));
    const main = roles.find((r) => r.sector && !r.to) ?? roles.find((r) => r.sector) ?? roles[0]!;
    const offices: Office[] | undefined = row.offices?.map(([role, country, from, to]) => ({ role, country, from: from || '0000-01-01', to }));
    const mine = row.aliases.map((s) => oursByKey.get(`${looseKey(s)}|${main.country}`)).find((e) => e !== undefined);
    let e: Entity;
    if (mine) {
      // ours wins; the dictionary adds its spellings and dated roles
      mine.roles = [...(mine.roles ?? []), ...roles];
      e = mine;
    } else if (row.kind === 'org' && main.sector && STATE_SECTORS.has(main.sector) && countriesByIso.has(main.country)) {
      // a ministry, army or police force stands for its state, as our government bodies do
      const country = countriesByIso.get(main.country)!;
      e = { id: country.id, name: row.name, country: main.country, sector: main.sector, kind: 'body', roles, source: 'dictionary' };
    } else {
      e = { id: row.id, name: row.name, country: main.country, sector: main.sector ?? 'UNK', kind: row.kind, roles, source: 'dictionary' };
      if (offices) e.offices = offices;
      entities.push(e);
    }
    for (const s of row.aliases) put(s, e);
  }
  const agents = new Map<string, Sector>();
  let agentWords = 1;
  for (const [phrase, sector] of agentRows) {
    agents.set(phrase, sector);
    agentWords = Math.max(agentWords, phrase.split(' ').length);
  }
  return { names, prefixes, agents, agentWords, entities };
}

/** The role (country and sector) an actor had on a date: a dated role covering it, else its default. */
export function roleOn(e: Entity, date: string): { country: string; sector: Sector } {
  let dflt: DatedRole | undefined;
  for (const r of e.roles ?? []) {
    if (!r.from && !r.to) {
      dflt ??= r;
      continue;
    }
    if ((!r.from || r.from <= date) && (!r.to || date <= r.to) && r.sector) return { country: r.country, sector: r.sector };
  }
  if (dflt?.sector) return { country: dflt.country, sector: dflt.sector };
  return { country: e.country, sector: e.sector };
}

export function dictionaryDir(dataDir: string): string {
  return join(dataDir, 'dictionaries');
}
