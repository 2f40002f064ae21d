// Spelling variants missing from the gazetteer (Qhaani, Ghaani, Qaani; Hassan
// for Hussein) are found by double metaphone: a capitalised word sounding like
// a known person's name, backed by a second piece of evidence (the other half
// of the name matches, or the spelling is close) so common words don't match.
import { doubleMetaphone } from 'double-metaphone';
import type { Entity, Gazetteer } from './gazetteer.js';

interface NameParts {
  entity: Entity;
  /** Lower-case words of one alias without "al-" style particles. */
  words: string[];
  codes: string[][];
}

export interface PhoneticIndex {
  names: NameParts[];
  /** Surname code -> names whose last word sounds like it. */
  bySurname: Map<string, NameParts[]>;
}

const PARTICLE = /^(?:al|el|ul|bin|ibn|abu)-/;

export function nameWord(w: string): string {
  return w
    .toLowerCase()
    .replace(/['\u2019]s$/, '')
    .replace(PARTICLE, '')
    .replace(/[^a-z]/g, '');
}

function codes(word: string): string[] {
  const [a, b] = doubleMetaphone(word);
  return a === b ? [a] : [a, b];
}

export function buildPhoneticIndex(g: Gazetteer, surfaces: Array<{ surface: string; entity: Entity }>): PhoneticIndex {
  const names: NameParts[] = [];
  const bySurname = new Map<string, NameParts[]>();
  for (const { surface, entity } of surfaces) {
    if (entity.kind !== 'person') continue;
    const words = surface
      .split(/\s+/)
      .map(nameWord)
      .filter((w) => w.length >= 3);
    if (words.length === 0) continue;
    const parts: NameParts = { entity, words, codes: words.map(codes) };
    names.push(parts);
    for (const c of parts.codes[parts.codes.length - 1]!) {
      const list = bySurname.get(c) ?? [];
      list.push(parts);
      bySurname.set(c, list);
    }
  }
  void g;
  return { names, bySurname };
}

export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

function sounds(word: string, target: string[]): boolean {
  const c = codes(word);
  return c.some((x) => target.includes(x));
}

/**
 * The person a capitalised surname (with the word before it, if any) refers to;
 * `full` when the first name matched too, which is evidence enough on its own.
 * `prevWord` is the preceding capitalised word, e.g. a first name.
 */
export function phoneticPerson(
  ix: PhoneticIndex,
  surname: string,
  prevWord: string | undefined,
): { entity: Entity; full: boolean } | undefined {
  const w = nameWord(surname);
  if (w.length < 4) return undefined;
  let best: Entity | undefined;
  for (const c of codes(w)) {
    for (const n of ix.bySurname.get(c) ?? []) {
      const last = n.words[n.words.length - 1]!;
      // a surname alone must be one edit away ("Qhaani"); "Mohammed" is not "Mohammedawi"
      const close = editDistance(w, last) <= 1;
      const first = n.words.length > 1 ? n.words[n.words.length - 2]! : undefined;
      const p = prevWord ? nameWord(prevWord) : undefined;
      const firstMatches =
        p !== undefined &&
        first !== undefined &&
        (p === first || (sounds(p, n.codes[n.codes.length - 2]!) && editDistance(p, first) <= 2));
      if (firstMatches) return { entity: n.entity, full: true };
      if (close) best = n.entity;
    }
  }
  return best ? { entity: best, full: false } : undefined;
}
