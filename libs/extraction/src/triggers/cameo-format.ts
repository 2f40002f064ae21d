// Reader for the CAMEO verb-pattern dictionary (PETRARCH format, see
// shared/data/petrarch2/dictionaries.rst) and the map from CAMEO codes to our
// catalog's types. Pure; scripts/extraction/convert-dictionaries.ts writes the
// result to libs/extraction/data/dictionaries/triggers.json.
import type { EventType } from '#domain';

/**
 * A CAMEO code to a catalog type, by the catalog's CAMEO column and its
 * "what happened" column (shared/spec/event-catalog.md). Longest prefix wins;
 * a code with no entry is no event: it is not pulled to the nearest type.
 */
export const CAMEO_TO_TYPE: ReadonlyArray<[string, EventType]> = [
  ['016', 'RejectionIssued'], // deny responsibility, dismiss an accusation: "rejects ... an accusation"
  ['02', 'DemandIssued'], // appeal or request (the catalog's polite 020)
  ['0331', 'AidProvided'], // pledge economic aid ("given or pledged")
  ['0332', 'AidProvided'],
  ['0333', 'AidProvided'],
  // 040 "consult" is wider than a meeting in CAMEO (letters, trips, calls): no type on its own
  ['041', 'MeetingHeld'],
  ['042', 'VisitMade'],
  ['044', 'MeetingHeld'],
  ['046', 'TalksStarted'],
  ['057', 'AgreementReached'],
  ['070', 'AidProvided'],
  ['071', 'AidProvided'],
  ['072', 'AidProvided'],
  ['073', 'AidProvided'],
  ['081', 'WaiverGranted'],
  ['085', 'WaiverGranted'],
  ['0874', 'TroopsWithdrawn'],
  ['10', 'DemandIssued'],
  ['111', 'AccusationMade'], // criticize or denounce: the catalog's "condemns"
  ['112', 'AccusationMade'],
  ['12', 'RejectionIssued'],
  ['13', 'ThreatIssued'],
  ['140', 'ProtestHeld'],
  ['141', 'ProtestHeld'],
  ['142', 'ProtestHeld'], // hunger strike
  ['145', 'ProtestHeld'],
  ['150', 'ForceMobilized'],
  ['151', 'ForceMobilized'],
  ['152', 'ForceMobilized'],
  ['153', 'ForceMobilized'],
  ['154', 'ForceMobilized'],
  ['162', 'SanctionsImposed'], // reduce or stop aid: a sanction, not aid
  ['163', 'SanctionsImposed'],
  ['183', 'AttackCarriedOut'],
  ['185', 'AttackCarriedOut'],
  ['186', 'AttackCarriedOut'],
  ['190', 'AttackCarriedOut'],
  ['193', 'AttackCarriedOut'],
  ['194', 'AttackCarriedOut'],
  ['195', 'AttackCarriedOut'],
  ['196', 'AttackCarriedOut'],
  ['20', 'AttackCarriedOut'], // mass violence
];

/** Codes under a mapped prefix that the catalog does not mean ("defy norms" is not a rejection of a proposal). */
const NOT_IN_CATALOG = new Set(['128', '1281', '1282', '1283', '203']);

export function typeOfCameo(code: string): EventType | undefined {
  if (!code || NOT_IN_CATALOG.has(code)) return undefined;
  let best: [string, EventType] | undefined;
  for (const row of CAMEO_TO_TYPE) if (code.startsWith(row[0]) && (!best || row[0].length > best[0].length)) best = row;
  return best?.[1];
}

/** A word or phrase in lower case ("cruise missile"), or "&SYNSET". */
export type Element = string;

export interface CameoPattern {
  code: string;
  /** Nouns before the verb, in order (the subject's head: "&MILITARY *"). */
  before: Element[];
  /** Words and phrases after the verb, in order ("* (TO BORDER)" -> ["to", "border"]). */
  after: Element[];
}

export interface CameoVerb {
  /** Lower-case base form of the verb word ("withdraw"). */
  lemma: string;
  /** Irregular forms given in {...} ("withdrew"). */
  forms: string[];
  /** Words that must precede / follow the verb word ("pull" + "out"). */
  pre: string[];
  post: string[];
  /** The verb's own code, or the block's; "" for none. */
  code: string;
}

export interface CameoBlock {
  name: string;
  verbs: CameoVerb[];
  patterns: CameoPattern[];
}

export interface CameoDictionary {
  synsets: Map<string, string[]>;
  blocks: CameoBlock[];
}

/** "[042:043]" -> "042", "[:173]" -> "", "[---]" -> "". */
function codeIn(s: string): string | undefined {
  const m = /\[([^\]]*)\]/.exec(s);
  if (!m) return undefined;
  const c = m[1]!.split(':')[0]!.trim();
  return /^\d{2,4}$/.test(c) ? c : '';
}

function words(phrase: string): string {
  return phrase.replace(/_+$/, '').replace(/_/g, ' ').trim().toLowerCase();
}

/** "+PULL_OUT" -> pull + [out]; "WIRE_+TAP" -> [wire] + tap; "GO" -> go. */
function verbOf(spec: string, forms: string[], code: string): CameoVerb | undefined {
  const parts = spec.replace(/_+$/, '').split('_').filter(Boolean);
  let at = parts.findIndex((p) => p.startsWith('+'));
  if (at < 0) at = 0;
  const lemma = parts[at]!.replace(/^\+/, '').toLowerCase();
  if (!/^[a-z][a-z'-]*$/.test(lemma)) return undefined;
  const irregular = forms
    .map((f) => f.split('_').find((p) => p.startsWith('+')) ?? f.split('_')[at] ?? f)
    .map((f) => f.replace(/^\+/, '').toLowerCase());
  return {
    lemma,
    forms: [...new Set(irregular)].filter((f) => f && f !== lemma),
    pre: parts.slice(0, at).map((p) => p.toLowerCase()),
    post: parts.slice(at + 1).map((p) => p.toLowerCase()),
    code,
  };
}

/** A pattern's body ("&MILITARY * (TO +) &STRONGHOLD") to its elements on each side of "*". */
export function parsePattern(body: string, code: string): CameoPattern | undefined {
  const star = body.indexOf('*');
  if (star < 0) return undefined;
  const side = (s: string): Element[] => {
    const out: Element[] = [];
    const flat = s.replace(/[(){}]/g, ' ').replace(/[$+%^]/g, ' ');
    for (const w of flat.split(/\s+/)) {
      if (!w) continue;
      if (w.startsWith('&')) out.push(w.replace(/_+$/, ''));
      else if (/^[A-Za-z][A-Za-z'.-]*_?$/.test(w)) out.push(words(w));
      else if (/^[A-Za-z][A-Za-z'._-]*$/.test(w)) out.push(words(w)); // "HUNGER_STRIKE" style phrases
    }
    return out;
  };
  const before = side(body.slice(0, star));
  const after = side(body.slice(star + 1));
  // auxiliaries in a pattern ("WILL NOT *") say modality, which later stages read from the text
  return { code, before: before.filter((w) => !/^(?:will|not|would|has|have|had|is|was|were|be)$/.test(w)), after };
}

export function parseCameoDictionary(text: string): CameoDictionary {
  const synsets = new Map<string, string[]>();
  const blocks: CameoBlock[] = [];
  let synset: string[] | undefined;
  let block: CameoBlock | undefined;
  let blockCode = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    if (line.startsWith('&')) {
      synset = [];
      synsets.set(line.split(/\s+/)[0]!.replace(/_+$/, ''), synset);
      block = undefined;
      continue;
    }
    if (line.startsWith('---')) {
      synset = undefined;
      const name = /^---\s+(\S+)/.exec(line)?.[1] ?? '';
      blockCode = codeIn(line) ?? '';
      block = { name, verbs: [], patterns: [] };
      blocks.push(block);
      continue;
    }
    if (synset && line.startsWith('+')) {
      const w = words(line.slice(1).split(/\s+/)[0]!);
      if (w) synset.push(w);
      continue;
    }
    if (!block) continue;
    if (line.startsWith('~')) continue; // verb-verb transformations: not used
    if (line.startsWith('-')) {
      const at = line.lastIndexOf('[');
      if (at < 0) continue;
      const code = codeIn(line.slice(at)) ?? '';
      const p = parsePattern(line.slice(1, at), code);
      if (p) block.patterns.push(p);
      continue;
    }
    // a verb line: SPEC {FORMS} [code]
    const m = /^(\S+)\s*(?:\{([^}]*)\})?\s*(\[[^\]]*\])?/.exec(line);
    if (!m) continue;
    const code = m[3] ? (codeIn(m[3]) ?? blockCode) : blockCode;
    const v = verbOf(m[1]!, (m[2] ?? '').split(/\s+/).filter(Boolean), code);
    if (v) block.verbs.push(v);
  }
  return { synsets, blocks };
}
