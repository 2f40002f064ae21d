// Events need a political actor where their type needs one. A nationality
// adjective stands for its state only before a political noun ("Iranian
// officials", "an Israeli strike"); "a Dutch chipmaker" or "the French actress"
// is no state actor (data/political-nouns.json). A draft of a type that needs a
// state, group or official on one side, and has none left, is dropped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventType } from '#domain';
import type { Mention } from '../actors/mention.js';
import type { Draft } from '../merging/draft.js';
import type { Analysis } from '../sentences/tokens.js';

export function loadPoliticalNouns(dir: string): Set<string> {
  const raw = JSON.parse(readFileSync(join(dir, 'political-nouns.json'), 'utf8')) as { nouns: string[] };
  return new Set(raw.nouns);
}

/** Types whose events happen without a state actor: a protest by civilians, an attack by unknown gunmen. */
const CIVIL_TYPES = new Set<EventType>(['ProtestHeld', 'AttackCarriedOut']);
const NON_POLITICAL_SECTORS = new Set(['CVL', 'BUS', 'MED', 'UNK']);

/** A demonym before a non-political noun names a person or firm of that country, not the state. */
function standsForState(m: Mention, a: Analysis, nouns: Set<string>): boolean {
  // only a bare adjective: a group the matcher already formed ("Chinese military") is political
  if (m.via !== 'demonym' || m.entity.kind !== 'country' || m.last - m.first > 1) return true;
  const next = a.tokens[m.last];
  if (!next || next.sentence !== a.tokens[m.first]!.sentence) return true;
  if (next.pos !== 'NOUN' && next.pos !== 'PROPN') return true;
  return nouns.has(next.lower) || nouns.has(next.lemma);
}

function political(m: Mention): boolean {
  return !NON_POLITICAL_SECTORS.has(m.sector);
}

/** Drops actors that are no state actors and drafts left without the political actor their type needs. */
export function gateDrafts(drafts: Draft[], a: Analysis, nouns: Set<string>): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const agent = d.agent.filter((m) => standsForState(m, a, nouns));
    const target = d.target.filter((m) => standsForState(m, a, nouns));
    const dropped = agent.length < d.agent.length || target.length < d.target.length;
    if (dropped && agent.length + target.length === 0) continue;
    if (!CIVIL_TYPES.has(d.type) && (agent.length || target.length) && ![...agent, ...target].some(political)) continue;
    out.push(dropped ? { ...d, agent, target } : d);
  }
  return out;
}
