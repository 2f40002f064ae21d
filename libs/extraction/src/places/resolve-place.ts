import type { EventLocation, PlacePrecision } from '#domain';
import { type CityRow, type CountryRow, type StateRow, allCountries, citiesOf, statesOf } from './place-data.js';
import { placeKey } from './place-names.js';

interface Place {
  lat: number;
  lon: number;
  precision: PlacePrecision;
  region?: string;
  regionCode?: string;
  placeId: string;
}

interface CountryIndex {
  country: CountryRow;
  states: Map<string, StateRow>;
  statesByCode: Map<string, StateRow>;
  /** Built on the first look-up of a name that is neither the country nor a region. */
  cities?: Map<string, CityRow[]>;
}

const byIso3 = new Map<string, CountryIndex | null>();
const resolved = new Map<string, Place | null>();

const coordinate = (value: string | null | undefined): number | undefined => {
  const n = value == null ? NaN : Number(value);
  return Number.isFinite(n) ? Math.round(n * 1e5) / 1e5 : undefined;
};

function countryIndex(iso3: string): CountryIndex | null {
  if (byIso3.has(iso3)) return byIso3.get(iso3)!;
  const country = allCountries().find((c) => c.iso3 === iso3);
  let index: CountryIndex | null = null;
  if (country) {
    const states = new Map<string, StateRow>();
    const statesByCode = new Map<string, StateRow>();
    for (const state of statesOf(country)) {
      states.set(placeKey(state.name), state);
      statesByCode.set(state.iso2, state);
    }
    index = { country, states, statesByCode };
  }
  byIso3.set(iso3, index);
  return index;
}

function cityIndex(index: CountryIndex): Map<string, CityRow[]> {
  if (!index.cities) {
    index.cities = new Map();
    for (const city of citiesOf(index.country)) {
      const key = placeKey(city.name);
      const same = index.cities.get(key);
      if (same) same.push(city);
      else index.cities.set(key, [city]);
    }
  }
  return index.cities;
}

function countryPlace(country: CountryRow): Place | null {
  const lat = coordinate(country.latitude);
  const lon = coordinate(country.longitude);
  return lat === undefined || lon === undefined
    ? null
    : { lat, lon, precision: 'country', placeId: `country:${country.id}` };
}

function regionPlace(state: StateRow): Place | null {
  const lat = coordinate(state.latitude);
  const lon = coordinate(state.longitude);
  if (lat === undefined || lon === undefined) return null;
  return {
    lat,
    lon,
    precision: 'region',
    region: state.name,
    ...(state.iso3166_2 && { regionCode: state.iso3166_2 }),
    placeId: `state:${state.id}`,
  };
}

/**
 * Several towns of a country can share a name; the capital wins, then the
 * one in a region of the same name (Baghdad in Baghdad), then the first.
 */
function bestCity(candidates: CityRow[], index: CountryIndex, key: string): CityRow {
  const capital = placeKey(index.country.capital ?? '');
  if (key === capital) return candidates[0]!;
  return candidates.find((c) => placeKey(index.statesByCode.get(c.state_code)?.name ?? '') === key) ?? candidates[0]!;
}

function cityPlace(city: CityRow, index: CountryIndex): Place | null {
  const lat = coordinate(city.latitude);
  const lon = coordinate(city.longitude);
  if (lat === undefined || lon === undefined) return null;
  const state = index.statesByCode.get(city.state_code);
  return {
    lat,
    lon,
    precision: 'city',
    ...(state && { region: state.name }),
    ...(state?.iso3166_2 && { regionCode: state.iso3166_2 }),
    placeId: `city:${city.id}`,
  };
}

const SAYS_REGION = /\b(?:province|governorate|region|state|district|prefecture|oblast|county)\b/i;

function lookUp(name: string, iso3: string): Place | null {
  const index = countryIndex(iso3);
  if (!index) return null;
  const key = placeKey(name);
  if (!key || key === placeKey(index.country.name) || key === iso3.toLowerCase()) return countryPlace(index.country);
  const cities = cityIndex(index).get(key);
  // A city before a region of the same name: "Baghdad" is the city, "Baghdad province" has lost its suffix but says region.
  const saysRegion = SAYS_REGION.test(name);
  const state = index.states.get(key);
  if (state && (saysRegion || !cities)) return regionPlace(state) ?? countryPlace(index.country);
  if (cities) return cityPlace(bestCity(cities, index, key), index) ?? countryPlace(index.country);
  // A place the gazetteer does not know is still in its country: GDELT's country-level geo.
  return countryPlace(index.country);
}

/**
 * The coder's location with coordinates and a precision from the gazetteer,
 * resolved within the event's country: a city, a first-level region, or (for
 * the country itself or a place it does not know) the country. Deterministic,
 * and each (country, name) is looked up once per process.
 */
export function locatePlace(location: { name: string; country: string }): EventLocation {
  const cacheKey = `${location.country}\u0000${SAYS_REGION.test(location.name)}\u0000${placeKey(location.name)}`;
  let place = resolved.get(cacheKey);
  if (place === undefined) {
    place = lookUp(location.name, location.country);
    resolved.set(cacheKey, place);
  }
  return place
    ? { name: location.name, country: location.country, ...place }
    : { name: location.name, country: location.country };
}

/** ISO 3166-1 numeric of an alpha-3 code (world-atlas shapes are keyed by it), or null. */
export function countryNumeric(iso3: string): string | null {
  return allCountries().find((c) => c.iso3 === iso3)?.numeric_code ?? null;
}
