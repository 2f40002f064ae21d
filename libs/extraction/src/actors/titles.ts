// Titles on an event's own date. The matcher resolves "the prime minister" on the
// publication date; an event reported later ("in 2019 the prime minister visited")
// names whoever held the office then. The argument stage calls resolveTitleOn()
// with the event's date.
import type { Gazetteer } from './gazetteer.js';
import { officeHolder } from './gazetteer.js';
import type { Mention } from './mention.js';
import { roleOn } from './dictionary.js';

/**
 * The mention with its title resolved on `date` (YYYY-MM-DD): the holder of the
 * office then, else the office's country. A mention without a title is returned as is.
 */
export function resolveTitleOn(g: Gazetteer, m: Mention, date: string): Mention {
  if (!m.title) return m;
  const holder = officeHolder(g, m.title.role, m.title.country, date);
  if (holder) {
    const then = entityOn(holder, date);
    if (then === m.entity) return m;
    return { ...m, entity: then, sector: sectorOn(holder, date), via: 'title' };
  }
  const country = g.countriesByIso.get(m.title.country);
  if (!country || m.entity === country) return m;
  return { ...m, entity: country, sector: 'GOV' };
}

/** An actor's sector on a date: its dated role then (the dictionaries'), else its own. */
export function sectorOn(e: Mention['entity'], date: string): Mention['sector'] {
  return e.roles ? roleOn(e, date).sector : e.sector;
}

/** One entity per (person, country) it is seen as: ids stay, identity comparisons within a country hold. */
const asCountry = new WeakMap<Mention['entity'], Map<string, Mention['entity']>>();

/**
 * A person of ours with offices in more than one country, as of a date: Mark Rutte
 * is NLD as prime minister and IGO as NATO's secretary-general. Anyone else is returned as is.
 */
export function entityOn(e: Mention['entity'], date: string): Mention['entity'] {
  if (!e.offices || e.kind !== 'person' || e.source === 'dictionary') return e;
  let country = e.country;
  for (const o of e.offices) {
    if (o.from <= date && date < o.to) {
      country = o.country;
      break;
    }
  }
  if (country === e.country) return e;
  let byCountry = asCountry.get(e);
  if (!byCountry) asCountry.set(e, (byCountry = new Map()));
  let view = byCountry.get(country);
  if (!view) byCountry.set(country, (view = { ...e, country }));
  return view;
}
