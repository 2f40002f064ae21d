// Group actors: a country or organisation with a role noun ("Iraqi protesters",
// "Sudanese army", "Hamas militants", "Iran's leaders"). The role nouns are the
// Phoenix agent dictionary (data/dictionaries/agents.json) after our own short list.
import type { Sector } from '#domain';
import type { Token } from '../sentences/tokens.js';
import type { Entity, Gazetteer } from './gazetteer.js';

/** Our group nouns, checked before the dictionary's (weapons are not: "Israeli airstrike" is a trigger). */
const GROUP_WORDS = new Map<string, Sector>([
  ...[
    'officials',
    'official',
    'leaders',
    'leadership',
    'government',
    'authorities',
    'administration',
    'cabinet',
    'delegation',
    'ministers',
    'diplomats',
    'side',
    'envoy',
    'negotiators',
    'representatives',
    'ministry',
  ].map((w): [string, Sector] => [w, 'GOV']),
  // armed groups without a name: rebels of their country ("Haitian gangs", "Mexican cartels")
  ...[
    'gangs',
    'gang',
    'gangsters',
    'cartels',
    'cartel',
    'militias',
    'militiamen',
    'insurgents',
    'guerrillas',
    'jihadists',
    'separatists',
  ].map((w): [string, Sector] => [w, 'REB']),
  // a junta is the army in power (the dictionary's GOV would make "Niger's junta" its civilian government)
  ...['military', 'army', 'troops', 'troop', 'forces', 'soldiers', 'general', 'generals', 'junta'].map(
    (w): [string, Sector] => [w, 'MIL'],
  ),
]);
const GROUP_PHRASES: ReadonlyArray<[string, string, Sector]> = [
  ['foreign', 'ministry', 'GOV'],
  ['security', 'forces', 'MIL'],
  ['combat', 'forces', 'MIL'],
];
/** Legislators: the legislature of the named country (or of the article's main country). */
export const LEG_HEADS = new Set([
  'lawmakers',
  'legislators',
  'mps',
  'parliamentarians',
  'parliament',
  'deputies',
  'members of parliament',
]);
/** Protesters: civilians of the named (or main) country. */
export const CVL_HEADS = new Set([
  'protesters',
  'protestors',
  'demonstrators',
  'crowds',
  'mobs',
  'rioters',
  'supporters',
  'refugees',
]);
const PROTEST_NOUN = /protest|demonstrat|riot|crowd|mob/;

export interface GroupHead {
  last: number;
  sector: Sector;
  /** The noun as written, lower-case ("protesters", "foreign minister"). */
  noun: string;
}

/** The role noun starting at token j, if any: ours first (one word or a listed pair), then the dictionary's, longest. */
export function groupHeadAt(g: Gazetteer, toks: Token[], j: number): GroupHead | undefined {
  const t = toks[j];
  if (!t) return undefined;
  for (const [w1, w2, sector] of GROUP_PHRASES)
    if (t.lower === w1 && toks[j + 1]?.lower === w2) return { last: j + 2, sector, noun: `${w1} ${w2}` };
  const ours = GROUP_WORDS.get(t.lower);
  if (ours) return { last: j + 1, sector: ours, noun: t.lower };
  if (LEG_HEADS.has(t.lower)) return { last: j + 1, sector: 'LEG', noun: t.lower };
  if (CVL_HEADS.has(t.lower)) return { last: j + 1, sector: 'CVL', noun: t.lower };
  const agents = g.dictionary?.agents;
  if (!agents) return undefined;
  let phrase = '';
  let best: GroupHead | undefined;
  const max = g.dictionary!.agentWords;
  for (let k = j, n = 0; k < toks.length && n < max * 2; k++, n++) {
    const w = toks[k]!;
    if (w.sentence !== t.sentence || !/^[a-z-]/i.test(w.value)) break;
    phrase = w.value === '-' || phrase.endsWith('-') ? phrase + w.lower : phrase ? `${phrase} ${w.lower}` : w.lower;
    if (!phrase.endsWith('-') && !g.dictionary!.agentPrefixes.has(phrase)) break;
    const sector = agents.get(phrase);
    if (sector) best = { last: k + 1, sector, noun: phrase };
  }
  return best;
}

/**
 * The actor a country's group stands for. The state's own bodies are the country
 * (the catalog codes "Iraqi officials" as iraq/GOV); lawmakers are its legislature;
 * civilians, the opposition and armed groups are groups of that country.
 */
export function groupEntity(g: Gazetteer, country: Entity, head: GroupHead): Entity | undefined {
  const iso = country.country;
  const adj = g.demonyms.get(iso) ?? country.id;
  const group = (what: string, sector: Sector): Entity => ({
    id: `${adj}-${what}`,
    name: `${adj} ${what}`,
    country: iso,
    sector,
    kind: 'org',
  });
  switch (head.sector) {
    case 'GOV':
    case 'MIL':
    case 'COP':
    case 'SPY':
    case 'JUD':
    case 'MED':
    case 'BUS':
      return country;
    case 'LEG':
      return (
        g.legislatures.get(iso) ?? { ...group('parliament', 'LEG'), name: `${adj}-parliament`, id: `${adj}-parliament` }
      );
    case 'CVL':
      return PROTEST_NOUN.test(head.noun)
        ? { ...group('protesters', 'CVL'), name: `${adj}-protesters` }
        : group('civilians', 'CVL');
    case 'PTY':
      return group('opposition', 'PTY');
    case 'REB':
      return group('rebels', 'REB');
    default:
      return undefined;
  }
}
