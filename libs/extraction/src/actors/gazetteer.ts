// The gazetteer is data (libs/extraction/data/*.json); this file only loads it
// and turns it into entities the matcher can index.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sector } from '#domain';
import { dictionaryDir, loadDictionaryLayer, type DictionaryLayer } from './dictionary.js';
import { findProjectRoot } from './project-root.js';

export type EntityKind = 'country' | 'person' | 'org' | 'body';

export interface Office {
  role: string;
  country: string;
  from: string;
  to: string;
}

/** A role from the field dictionaries: the actor's country and sector between two dates ("" = open). */
export interface DatedRole {
  country: string;
  sector: Sector | undefined;
  from: string;
  to: string;
}

export interface Entity {
  id: string;
  name: string;
  country: string;
  sector: Sector;
  kind: EntityKind;
  offices?: Office[];
  /** Dated roles from the dictionaries ([IRQGOV 20060520-20140908]); see roleOn(). */
  roles?: DatedRole[];
  /**
   * A description of a kind of group rather than a name ("Iran-backed militias", Iraq's in our tables): in a
   * story about another country it is the armed group that story names (the Houthis in a Yemen story).
   */
  describes?: boolean;
  /** Where the entity comes from: our JSON (absent) or only the converted dictionaries. */
  source?: 'dictionary';
}

interface CountryRow {
  name: string;
  iso3: string;
  demonyms: string[];
  capitals: string[];
  aliases: string[];
  /** Towns and regions in the news since the dictionaries (2019 on) that they lack ("Kherson", "El Fasher"). */
  places?: string[];
}
interface PersonRow {
  id: string;
  name: string;
  aliases: string[];
  country: string;
  sector: Sector;
  offices: Office[];
}
/** A row of data/office-holders/*.json: offices as [country, role, from, to], "" = still in office. */
interface HolderRow {
  name: string;
  id?: string;
  aliases: string[];
  country?: string;
  sector?: Sector;
  offices: Array<[string, string, string, string]>;
}
/** `describes`: the name describes a kind of group ("Iran-backed militias") more than it names one; see Entity.describes. */
interface OrgRow {
  id: string;
  name: string;
  aliases: string[];
  country: string;
  sector: Sector;
  describes?: boolean;
}
interface BodyRow {
  name: string;
  country: string;
  sector: Sector;
}
interface TitleRow {
  role: string;
  phrases: string[];
}

/** How a surface form refers to its entity; decides precedence and sector. */
export type AliasVia = 'name' | 'alias' | 'demonym' | 'capital';

export interface AliasEntry {
  surface: string;
  entity: Entity;
  via: AliasVia;
  /**
   * A person's one-word alias ("Zelensky", "al-Sudani"): it names them only in an
   * article that names them in full or puts a title before it (a footballer Salah is not Salih).
   */
  surname?: boolean;
}

/** A person's alias of one word is a bare surname (see AliasEntry.surname). */
function personAlias(surface: string, entity: Entity): AliasEntry {
  return /\s/.test(surface.trim())
    ? { surface, entity, via: 'alias' }
    : { surface, entity, via: 'alias', surname: true };
}

export interface Gazetteer {
  entities: Map<string, Entity>;
  aliases: AliasEntry[];
  countriesByIso: Map<string, Entity>;
  /** Legislature entity per ISO code ("IRQ" -> iraqi-parliament). */
  legislatures: Map<string, Entity>;
  /** Demonym adjective per ISO code, lower-case ("IRQ" -> "iraqi"). */
  demonyms: Map<string, string>;
  /** Government bodies standing for "their" country; country '*' = taken from the context. */
  bodies: BodyRow[];
  titles: TitleRow[];
  persons: Entity[];
  /** Office holders by "role|country", ours first, each list in date order. */
  offices: Map<string, Array<{ entity: Entity; from: string; to: string; ours: boolean }>>;
  /** The converted field dictionaries, when data/dictionaries/ is there. */
  dictionary?: DictionaryLayer;
}

export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
}

export function dataDir(): string {
  return join(findProjectRoot(import.meta.url), 'libs', 'extraction', 'data');
}

export function loadGazetteer(dir: string = dataDir()): Gazetteer {
  const entities = new Map<string, Entity>();
  const aliases: AliasEntry[] = [];
  const countriesByIso = new Map<string, Entity>();
  const legislatures = new Map<string, Entity>();
  const demonyms = new Map<string, string>();
  const persons: Entity[] = [];

  for (const c of readJson<CountryRow[]>(dir, 'countries.json')) {
    const e: Entity = { id: slug(c.name), name: c.name, country: c.iso3, sector: 'GOV', kind: 'country' };
    entities.set(e.id, e);
    countriesByIso.set(c.iso3, e);
    aliases.push({ surface: c.name, entity: e, via: 'name' });
    for (const a of c.aliases) aliases.push({ surface: a, entity: e, via: 'alias' });
    for (const d of c.demonyms) {
      aliases.push({ surface: d, entity: e, via: 'demonym' });
      // "Iraqis", "Americans": the people, standing for the country as the catalog codes them.
      if (/[a-z]$/.test(d) && !/(?:ese|ss|sh|ch)$/.test(d))
        aliases.push({ surface: d + 's', entity: e, via: 'demonym' });
      if (!demonyms.has(c.iso3)) demonyms.set(c.iso3, d.toLowerCase());
    }
    for (const cap of c.capitals) aliases.push({ surface: cap, entity: e, via: 'capital' });
    // a place stands for its country as the dictionaries' places do ("shelled Kharkiv": Ukraine)
    for (const place of c.places ?? []) aliases.push({ surface: place, entity: e, via: 'alias' });
  }
  for (const p of readJson<PersonRow[]>(dir, 'persons.json')) {
    const e: Entity = {
      id: p.id,
      name: p.name,
      country: p.country,
      sector: p.sector,
      kind: 'person',
      offices: p.offices,
    };
    entities.set(e.id, e);
    persons.push(e);
    aliases.push({ surface: p.name, entity: e, via: 'name' });
    for (const a of p.aliases) aliases.push(personAlias(a, e));
  }
  for (const { entity: p, aliases: spellings } of loadOfficeHolders(dir)) {
    const known = entities.get(p.id);
    if (known?.kind === 'person') {
      // a person of persons.json: the office-holder file adds offices and spellings
      const have = new Set((known.offices ?? []).map((o) => `${o.role}|${o.country}|${o.from}`));
      known.offices = [
        ...(known.offices ?? []),
        ...(p.offices ?? []).filter((o) => !have.has(`${o.role}|${o.country}|${o.from}`)),
      ];
      for (const s of [p.name, ...spellings])
        aliases.push(s === known.name ? { surface: s, entity: known, via: 'name' } : personAlias(s, known));
      continue;
    }
    entities.set(p.id, p);
    persons.push(p);
    aliases.push({ surface: p.name, entity: p, via: 'name' });
    for (const a of spellings) aliases.push(personAlias(a, p));
  }
  for (const o of [...readJson<OrgRow[]>(dir, 'organisations.json'), ...loadOrganisationFiles(dir)]) {
    const known = entities.get(o.id);
    // an organisation listed twice (organisations.json and a regional file) is one entity with all its names
    const e: Entity =
      known?.kind === 'org' ? known : { id: o.id, name: o.name, country: o.country, sector: o.sector, kind: 'org' };
    if (o.describes) e.describes = true;
    entities.set(e.id, e);
    if (o.sector === 'LEG' && !legislatures.has(o.country)) legislatures.set(o.country, e);
    aliases.push({ surface: o.name, entity: e, via: 'name' });
    for (const a of o.aliases) aliases.push({ surface: a, entity: e, via: 'alias' });
  }
  const bodies = readJson<BodyRow[]>(dir, 'government-bodies.json');
  for (const b of bodies) {
    if (b.country === '*') continue;
    const country = countriesByIso.get(b.country);
    if (!country) continue;
    // A department stands for its government: same id as the country, its own name.
    const e: Entity = { id: country.id, name: b.name, country: b.country, sector: b.sector, kind: 'body' };
    aliases.push({ surface: b.name, entity: e, via: 'alias' });
  }
  const titles = readJson<TitleRow[]>(dir, 'titles.json');
  const dictionary = loadDictionaryLayer(dictionaryDir(dir), countriesByIso, aliases);
  if (dictionary) for (const e of dictionary.entities) if (e.kind === 'person' && e.offices) persons.push(e);
  const offices = indexOffices(persons);
  return { entities, aliases, countriesByIso, legislatures, demonyms, bodies, titles, persons, offices, dictionary };
}

/** IGOs, armed groups, parties and legislatures worldwide (data/organisations/*.json), after organisations.json. */
function loadOrganisationFiles(dir: string): OrgRow[] {
  const sub = join(dir, 'organisations');
  if (!existsSync(sub)) return [];
  return readdirSync(sub)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => readJson<{ organisations: OrgRow[] }>(sub, f).organisations);
}

/** The far end of an open office ("" in the files): later than any date an article can have. */
const OPEN_END = '9999-12-31';

/**
 * Office holders after 2019 worldwide (data/office-holders/*.json, one file per
 * region), as person entities with aliases stored beside them.
 */
function loadOfficeHolders(dir: string): Array<{ entity: Entity; aliases: string[] }> {
  const sub = join(dir, 'office-holders');
  if (!existsSync(sub)) return [];
  const out: Array<{ entity: Entity; aliases: string[] }> = [];
  for (const file of readdirSync(sub)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const row of readJson<{ persons: HolderRow[] }>(sub, file).persons) {
      const offices: Office[] = row.offices.map(([country, role, from, to]) => ({
        role,
        country,
        from,
        to: to || OPEN_END,
      }));
      // a person's own country is that of their national offices; an IGO head from a member state is theirs only in office
      const country = row.country ?? offices.find((o) => o.country !== 'IGO')?.country ?? offices[0]?.country ?? 'UNK';
      const sector = row.sector ?? (country === 'IGO' ? 'IGO' : 'GOV');
      const entity: Entity = { id: row.id ?? slug(row.name), name: row.name, country, sector, kind: 'person', offices };
      // offices in more than one country ("Mark Rutte": NLD prime minister, then NATO): dated roles, see entityOn()
      if (offices.some((o) => o.country !== country)) {
        entity.roles = offices.map((o) => ({
          country: o.country,
          sector: o.country === 'IGO' && country !== 'IGO' ? 'IGO' : sector,
          from: o.from,
          to: o.to,
        }));
      }
      out.push({ entity, aliases: row.aliases });
    }
  }
  return out;
}

/**
 * Offices by role and country. A dictionary office ends where one of ours for
 * the same office begins: ours are the later, checked holders.
 */
function indexOffices(persons: Entity[]): Gazetteer['offices'] {
  const out: Gazetteer['offices'] = new Map();
  for (const p of persons) {
    for (const o of p.offices ?? []) {
      const k = `${o.role}|${o.country}`;
      const list = out.get(k) ?? [];
      list.push({ entity: p, from: o.from, to: o.to, ours: p.source !== 'dictionary' });
      out.set(k, list);
    }
  }
  for (const list of out.values()) {
    const ourStarts = list.filter((x) => x.ours).map((x) => x.from);
    for (const x of list) {
      if (x.ours) continue;
      for (const s of ourStarts) if (s > x.from && s < x.to) x.to = s;
    }
    list.sort((a, b) => Number(b.ours) - Number(a.ours) || a.from.localeCompare(b.from));
  }
  return out;
}

/**
 * The holder of an office on a date ("prime minister" of IRQ on 2021-04-07).
 * Call it with the event's date, not the article's, for events in the past.
 */
export function officeHolder(g: Gazetteer, role: string, country: string, date: string): Entity | undefined {
  for (const o of g.offices.get(`${role}|${country}`) ?? []) if (o.from <= date && date < o.to) return o.entity;
  return undefined;
}
