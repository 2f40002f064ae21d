import { countryNumeric, locatePlace } from './resolve-place.js';
import { placeKey } from './place-names.js';

describe('places: coordinates and precision from the gazetteer', () => {
  it('compares names without accents, articles or a kind word', () => {
    expect(placeKey('al-Anbar Province')).toBe('anbar');
    expect(placeKey('Al Anbar')).toBe('anbar');
    expect(placeKey('Ninewa governorate')).toBe('ninewa');
    expect(placeKey('Erbīl')).toBe('erbil');
  });

  it('finds a city within the event country, with its region', () => {
    const baghdad = locatePlace({ name: 'Baghdad', country: 'IRQ' });
    expect(baghdad).toMatchObject({
      name: 'Baghdad',
      country: 'IRQ',
      precision: 'city',
      region: 'Baghdad',
      regionCode: 'IQ-BG',
    });
    expect(baghdad.lat).toBeCloseTo(33.3, 0);
    expect(baghdad.lon).toBeCloseTo(44.4, 0);
    expect(baghdad.placeId).toMatch(/^city:\d+$/);
    const tehran = locatePlace({ name: 'Tehran', country: 'IRN' });
    expect(tehran).toMatchObject({ precision: 'city' });
    expect(tehran.lat).toBeCloseTo(35.7, 0);
  });

  it('resolves a name against the country given, not anywhere in the world', () => {
    // Paris, Texas exists; Paris in France is another place.
    const texas = locatePlace({ name: 'Paris', country: 'USA' });
    const france = locatePlace({ name: 'Paris', country: 'FRA' });
    expect(texas.precision).toBe('city');
    expect(france.precision).toBe('city');
    expect(Math.abs(texas.lon! - france.lon!)).toBeGreaterThan(50);
  });

  it('knows first-level regions, and says region when the text does', () => {
    expect(locatePlace({ name: 'Anbar province', country: 'IRQ' })).toMatchObject({
      precision: 'region',
      region: 'Al Anbar',
      regionCode: 'IQ-AN',
    });
    expect(locatePlace({ name: 'Baghdad province', country: 'IRQ' })).toMatchObject({
      precision: 'region',
      regionCode: 'IQ-BG',
    });
  });

  it('falls back to the country for the country itself or a place it does not know', () => {
    expect(locatePlace({ name: 'Iraq', country: 'IRQ' })).toMatchObject({ precision: 'country', lat: 33, lon: 44 });
    expect(locatePlace({ name: 'Camp Nowhere Ridge', country: 'IRQ' })).toMatchObject({
      name: 'Camp Nowhere Ridge',
      precision: 'country',
      lat: 33,
      lon: 44,
    });
  });

  it('leaves a location without coordinates when the country is not a country (IGO) or unknown', () => {
    expect(locatePlace({ name: 'Brussels', country: 'IGO' })).toEqual({ name: 'Brussels', country: 'IGO' });
    expect(locatePlace({ name: '\u0000'.repeat(5000), country: 'XXX' })).toEqual({
      name: '\u0000'.repeat(5000),
      country: 'XXX',
    });
  });

  it('gives the ISO numeric code of a country (the ids of world-atlas shapes)', () => {
    expect(countryNumeric('IRQ')).toBe('368');
    expect(countryNumeric('USA')).toBe('840');
    expect(countryNumeric('IGO')).toBeNull();
  });
});
