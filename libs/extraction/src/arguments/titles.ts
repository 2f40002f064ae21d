// A title stands for whoever held the office on the event's date, not on the
// publication date: "the prime minister visited Tehran in 2019" is the prime
// minister of 2019. The matcher resolves a bare title on the publication date;
// this re-resolves it on the event's date through the same dated roles.
import { officeHolder, type Gazetteer } from '../actors/gazetteer.js';
import type { Mention } from '../actors/mention.js';

export function holderOnDate(m: Mention, g: Gazetteer, pub: string, date: string): Mention {
  if (m.via !== 'title' || m.entity.kind !== 'person' || date === pub) return m;
  const office = m.entity.offices?.find((o) => o.from <= pub && pub < o.to);
  if (!office) return m;
  const holder = officeHolder(g, office.role, office.country, date);
  return holder && holder.id !== m.entity.id ? { ...m, entity: holder, sector: holder.sector } : m;
}
