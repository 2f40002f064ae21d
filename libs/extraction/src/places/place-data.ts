// The gazetteer's data: @countrystatecity/countries (ODbL-1.0, from the
// countries-states-cities database), read from its published JSON files a
// country at a time. The package's own API is asynchronous; the coder is not,
// so this reads the same files synchronously and keeps what it read.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CountryRow {
  id: number;
  name: string;
  iso2: string;
  iso3: string;
  numeric_code: string;
  capital: string;
  latitude: string;
  longitude: string;
}

export interface StateRow {
  id: number;
  name: string;
  iso2: string;
  iso3166_2?: string | null;
  type?: string | null;
  latitude: string | null;
  longitude: string | null;
}

export interface CityRow {
  id: number;
  name: string;
  state_code: string;
  latitude: string;
  longitude: string;
}

let dataDir: string | undefined;
let countries: CountryRow[] | undefined;
const countryDirs = new Map<string, string>();

/** The package's data folder (exported by it as `@countrystatecity/countries/data/*`). */
function dataFolder(): string {
  dataDir ??= dirname(createRequire(import.meta.url).resolve('@countrystatecity/countries/data/countries.json'));
  return dataDir;
}

const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(dataFolder(), ...parts), 'utf8')) as T;

export function allCountries(): CountryRow[] {
  if (!countries) {
    countries = readJson<CountryRow[]>('countries.json');
    // Folders are named <Name>-<ISO2>.
    for (const entry of readdirSync(dataFolder(), { withFileTypes: true })) {
      if (entry.isDirectory()) countryDirs.set(entry.name.slice(entry.name.lastIndexOf('-') + 1), entry.name);
    }
  }
  return countries;
}

export function statesOf(country: CountryRow): StateRow[] {
  const dir = countryDirs.get(country.iso2);
  if (!dir) return [];
  try {
    return readJson<StateRow[]>(dir, 'states.json');
  } catch {
    return [];
  }
}

/** Every city of a country, with the code of its state. */
export function citiesOf(country: CountryRow): CityRow[] {
  const dir = countryDirs.get(country.iso2);
  if (!dir) return [];
  const cities: CityRow[] = [];
  for (const entry of readdirSync(join(dataFolder(), dir), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      cities.push(...readJson<CityRow[]>(dir, entry.name, 'cities.json'));
    } catch {
      // A state without a cities file has no cities to offer.
    }
  }
  return cities;
}
