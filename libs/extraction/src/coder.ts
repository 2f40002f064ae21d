// The pipeline: analyse (wink, once) -> register (non-political text stops here)
// -> actors (+ collective phrases) -> triggers -> drafts (arguments, modality,
// dates, attribution per mention; assembly/drafting.ts) -> gate (political
// actors) -> merge -> repair (assembly/repair.ts) -> coded events (assembly/events.ts).
import type { CodedEvent } from '#domain';
import { buildAliasIndex } from './actors/alias-index.js';
import { dataDir, loadGazetteer, type Gazetteer } from './actors/gazetteer.js';
import { findMentions, storyCountry, type MatchContext } from './actors/matcher.js';
import type { Mention } from './actors/mention.js';
import { resolvePronouns } from './actors/pronouns.js';
import { resolveBareTitles } from './arguments/bare-titles.js';
import { buildPhoneticIndex } from './actors/phonetic.js';
import { addCollectives, loadCollectives, type Collectives } from './arguments/collectives.js';
import { draftMentions } from './assembly/drafting.js';
import { toEvents } from './assembly/events.js';
import { repairTargets } from './assembly/repair.js';
import { gateDrafts, loadPoliticalNouns } from './gating/political.js';
import { isNonPolitical, loadRegisters, scoreRegister } from './gating/register.js';
import { mergeDrafts } from './merging/merge.js';
import { createAnalyser } from './sentences/analyse.js';
import type { Analysis } from './sentences/tokens.js';
import { buildTriggerIndex, findTriggers, type TriggerIndex } from './triggers/find-triggers.js';
import { codeBounded, isCalendarDate, type BoundedCoding } from './bounded-coding.js';
import { CODED_LANGUAGES, languageOf } from './language/detect.js';

/** Bump when the output for some input changes. */
export const CODER_VERSION = 'rules-2.0.0';

export interface CoderInput {
  text: string;
  /** YYYY-MM-DD */
  publishedAt: string;
  /** The sender's language tag ("en", "fr-CA"); detected from the text when absent. */
  language?: string;
}

/** What coding an article found, and what it could not do (see bounded-coding.ts). */
export interface CodingResult extends BoundedCoding {
  /** ISO 639-1 code the text was read as; outside CODED_LANGUAGES nothing was coded. */
  language: string;
}

export interface Coder {
  version: string;
  /** Events, language, and what was left out. Throws only on a publishedAt that is no calendar day, never on the text. */
  code(input: CoderInput): CodingResult;
  /** Just the events of `code`. */
  extract(input: CoderInput): CodedEvent[];
}

interface Tables {
  politicalNouns: Set<string>;
  collectives: Collectives;
}

export function createCoder(options: { dataDir?: string } = {}): Coder {
  const analyser = createAnalyser();
  const gazetteer = loadGazetteer(options.dataDir);
  const aliasIndex = buildAliasIndex(gazetteer);
  const phonetic = buildPhoneticIndex(gazetteer, gazetteer.aliases);
  const triggers = buildTriggerIndex();
  const registers = loadRegisters(options.dataDir ?? dataDir());
  const politicalNouns = loadPoliticalNouns(options.dataDir ?? dataDir());
  const collectives = loadCollectives(options.dataDir ?? dataDir());
  const coder: Coder = {
    version: CODER_VERSION,
    code(input: CoderInput): CodingResult {
      const { text, publishedAt } = input;
      if (!isCalendarDate(publishedAt)) throw new Error(`publishedAt must be a date YYYY-MM-DD, got ${publishedAt}`);
      const language = languageOf(input);
      if (!CODED_LANGUAGES.has(language) || !text || !/[A-Za-z]/.test(text))
        return { language, events: [], problems: [] };
      // sports, markets, science, weather: no political events, whatever words they share with politics
      if (isNonPolitical(scoreRegister(text, registers))) return { language, events: [], problems: [] };
      const ctx: MatchContext = { gazetteer, index: aliasIndex, phonetic, publishedAt };
      const tables = { politicalNouns, collectives };
      return {
        language,
        ...codeBounded(text, analyser, (part) => code(part, ctx, gazetteer, triggers, publishedAt, tables)),
      };
    },
    extract: (input) => coder.code(input).events,
  };
  return coder;
}

function code(
  a: Analysis,
  ctx: MatchContext,
  g: Gazetteer,
  trig: TriggerIndex,
  pub: string,
  tables: Tables,
): CodedEvent[] {
  const found = resolveBareTitles(a, resolvePronouns(a, findMentions(a, ctx)));
  const mentions = addCollectives(a, found, tables.collectives, g, storyCountry(found) ?? '');
  const covered = new Uint8Array(a.tokens.length);
  const bySentence: Mention[][] = a.sentences.map(() => []);
  for (const m of mentions) {
    if (m.via !== 'pronoun') for (let k = m.first; k < m.last; k++) covered[k] = 1;
    bySentence[a.tokens[m.first]!.sentence]!.push(m);
  }
  const hits = findTriggers(a, trig, covered);
  const drafts = gateDrafts(draftMentions(a, hits, bySentence, covered, pub), a, tables.politicalNouns);
  const clusters = mergeDrafts(drafts, pub);
  // parties the text gives, before repairs imply any: a bare "protests" with no place or date of its own is no event
  const named = new Set(
    clusters.filter((c) =>
      c.drafts.some((d) => d.agent.length || d.target.length || d.place || (c.type === 'ProtestHeld' && d.date)),
    ),
  );
  repairTargets(a, clusters, mentions, g);
  return toEvents(
    a,
    clusters.filter((c) => named.has(c) || c.type === 'ElectionHeld'),
    mentions,
    g,
    pub,
  );
}
