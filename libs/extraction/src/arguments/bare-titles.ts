// "The minister met ...", "the president said ...": a definite role noun with no
// country or name of its own refers back to the last person named (or titled) in
// this or the two sentences before, preferring one who holds that kind of office.
// "the minister of defence" and "the president Emmanuel Macron" carry their own
// referent and are left to the gazetteer.
import type { Mention } from '../actors/mention.js';
import type { Analysis } from '../sentences/tokens.js';

const ROLE_NOUNS = new Set([
  'minister',
  'president',
  'premier',
  'chancellor',
  'envoy',
  'ambassador',
  'secretary',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'king',
  'queen',
  'prince',
  'emir',
  'commander',
  'general',
  'leader',
  'diplomat',
  'negotiator',
]);
/** Words allowed between "the" and the role noun: "the foreign minister", "the prime minister". */
const ROLE_MODIFIERS = new Set([
  'foreign',
  'prime',
  'defence',
  'defense',
  'interior',
  'finance',
  'top',
  'chief',
  'former',
  'special',
  'senior',
  'deputy',
  'vice',
  'visiting',
  'state',
  'army',
  'military',
  'supreme',
]);
const WINDOW = 2;

const personLike = (m: Mention): boolean => m.entity.kind === 'person' || m.title !== undefined;

/** `mentions` sorted by position, plus one mention per bare definite title that has an antecedent. */
export function resolveBareTitles(a: Analysis, mentions: Mention[]): Mention[] {
  const toks = a.tokens;
  const covered = new Uint8Array(toks.length);
  for (const m of mentions) for (let k = m.first; k < m.last; k++) covered[k] = 1;
  const added: Mention[] = [];
  const people: Mention[] = [];
  let mi = 0;
  for (let i = 0; i < toks.length; i++) {
    while (mi < mentions.length && mentions[mi]!.first < i) {
      const m = mentions[mi++]!;
      if (personLike(m) && m.via !== 'pronoun') people.push(m);
    }
    const t = toks[i]!;
    if (t.lower !== 'the' || covered[i]) continue;
    let k = i + 1;
    while (k < i + 3 && ROLE_MODIFIERS.has(toks[k]?.lower ?? '') && !covered[k]) k++;
    const role = toks[k];
    if (!role || covered[k] || role.sentence !== t.sentence || !ROLE_NOUNS.has(role.lower)) continue;
    const next = toks[k + 1];
    // "the minister of defence", "the president Emmanuel Macron", "the minister's": its own referent or none
    if (next && next.sentence === t.sentence && (next.lower === 'of' || next.pos === 'PROPN' || covered[k + 1]))
      continue;
    const recent = people.filter((m) => t.sentence - toks[m.first]!.sentence <= WINDOW);
    if (recent.length === 0) continue;
    const fits = recent.filter(
      (m) =>
        m.title?.role.includes(role.lower) || m.entity.offices?.some((o) => o.role.toLowerCase().includes(role.lower)),
    );
    const ref = (fits.length ? fits : recent)[(fits.length ? fits : recent).length - 1]!;
    added.push({
      ...ref,
      first: i,
      last: k + 1,
      start: t.start,
      nameStart: t.start,
      end: role.end,
      via: 'pronoun',
      possessive: toks[k + 1]?.lower === "'s",
    });
  }
  if (added.length === 0) return mentions;
  return [...mentions, ...added].sort((x, y) => x.first - y.first || x.last - y.last);
}
