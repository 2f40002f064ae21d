// Light coreference: "he"/"him"/"his" is the latest person named in this or the
// two sentences before; "it"/"its" the latest state or organisation in this or
// the previous sentence. Good enough for news prose, which names before it refers.
import type { Analysis } from '../sentences/tokens.js';
import type { Mention } from './mention.js';

const PERSONAL = new Set(['he', 'him', 'his', 'she', 'her']);
const NEUTER = new Set(['it', 'its']);

export function resolvePronouns(a: Analysis, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  let mi = 0;
  let lastPerson: Mention | undefined;
  // how often each person was named so far: "his" with no one named in its own
  // sentence is the story's main character more often than the last name seen
  const counts = new Map<string, number>();
  let salient: Mention | undefined;
  let lastThing: Mention | undefined;
  for (let i = 0; i < a.tokens.length; i++) {
    while (mi < mentions.length && mentions[mi]!.first <= i) {
      const m = mentions[mi]!;
      out.push(m);
      // a title whose holder is unknown ("the Kenyan president") is still a person for "he"
      if (m.entity.kind === 'person' || m.title !== undefined) {
        lastPerson = m;
        const n = (counts.get(m.entity.id) ?? 0) + 1;
        counts.set(m.entity.id, n);
        if (!salient || n >= (counts.get(salient.entity.id) ?? 0)) salient = m;
      } else if (m.sector !== 'CVL') lastThing = m;
      mi++;
    }
    const t = a.tokens[i]!;
    if (t.credit) continue;
    const s = t.sentence;
    const sameSentence = lastPerson !== undefined && a.tokens[lastPerson.first]!.sentence === s;
    const person = sameSentence ? lastPerson : salient;
    if (PERSONAL.has(t.lower) && person) {
      out.push({
        ...person,
        first: i,
        last: i + 1,
        start: t.start,
        nameStart: t.start,
        end: t.end,
        via: 'pronoun',
        possessive: false,
      });
    } else if (NEUTER.has(t.lower) && lastThing && s - a.tokens[lastThing.first]!.sentence <= 1) {
      const next = a.tokens[i + 1];
      if (t.lower === 'it' && next && (next.lower === 'is' || next.lower === 'was')) continue; // "it was not clear"
      out.push({
        ...lastThing,
        first: i,
        last: i + 1,
        start: t.start,
        nameStart: t.start,
        end: t.end,
        via: 'pronoun',
        possessive: false,
      });
    }
  }
  while (mi < mentions.length) out.push(mentions[mi++]!);
  return out;
}
