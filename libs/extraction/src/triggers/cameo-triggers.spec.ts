// Trigger families from the converted CAMEO verb patterns, and the frames that keep
// ambiguous triggers quiet. Sentences written for these tests, not from the dev set.
import type { CodedEvent, EventType } from '#domain';
import { createCoder, type Coder } from '../coder.js';
import { createAnalyser } from '../sentences/analyse.js';
import { buildTriggerIndex, findTriggers } from './find-triggers.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

const code = (text: string): CodedEvent[] => coder.extract({ text, publishedAt: '2022-03-15' });
const types = (text: string): EventType[] => code(text).map((e) => e.type);

/** [family, sentence, type, agent country, target country or ''] */
const found: Array<[string, string, EventType, string, string]> = [
  ['weapons: fired at', 'Iran fired missiles at a US base in Iraq.', 'AttackCarriedOut', 'IRN', 'USA'],
  [
    'weapons: shelled',
    'Syrian government forces shelled rebel positions near the town.',
    'AttackCarriedOut',
    'SYR',
    '',
  ],
  ['weapons: a rocket hit', 'A rocket hit the US embassy in Baghdad on Sunday.', 'AttackCarriedOut', '', 'USA'],
  ['weapons: was targeted by', 'The convoy was targeted by Turkish drones.', 'AttackCarriedOut', 'TUR', ''],
  ['weapons: strike on', 'Israel carried out a strike on Damascus.', 'AttackCarriedOut', 'ISR', 'SYR'],
  [
    'threats: warned that ... would',
    'Iran warned that it would retaliate against Israel.',
    'ThreatIssued',
    'IRN',
    'ISR',
  ],
  ['threats: put on notice', 'Washington put Tehran on notice.', 'ThreatIssued', 'USA', 'IRN'],
  ['criticism', 'Germany criticised China over its treatment of detainees.', 'AccusationMade', 'DEU', 'CHN'],
  ['condemnation', 'Canada denounced Venezuela for the arrests.', 'AccusationMade', 'CAN', 'VEN'],
  ['aid: pledged money (CAMEO 0331)', 'Japan pledged $2 billion to Ukraine on Monday.', 'AidProvided', 'JPN', 'UKR'],
  [
    'aid: refugees a pledge is for are civilians of the story country',
    'In Chad, Norway pledged 40 million euros for refugees.',
    'AidProvided',
    'NOR',
    'TCD',
  ],
  [
    'condemnation: issued a condemnation of (CAMEO 111)',
    'Kenya issued a strong condemnation of Somalia on Tuesday.',
    'AccusationMade',
    'KEN',
    'SOM',
  ],
  ['cutting aid is a sanction', 'The United States suspended military aid to Egypt.', 'SanctionsImposed', 'USA', 'EGY'],
  ['travel: went to', 'The Turkish foreign minister went to Moscow on Tuesday.', 'VisitMade', 'TUR', 'RUS'],
  ['travel: sent a delegation to', 'Japan sent a delegation to Seoul.', 'VisitMade', 'JPN', 'KOR'],
  [
    'demonstrations',
    'Thousands of Kenyans demonstrated in Nairobi against the tax increases.',
    'ProtestHeld',
    'KEN',
    '',
  ],
  ['hunger strikes', 'Jailed Bahraini activists began a hunger strike in Manama.', 'ProtestHeld', 'BHR', ''],
  ['declining', 'Russia declined to extend the grain deal with Ukraine.', 'RejectionIssued', 'RUS', ''],
  ['vetoing', 'China vetoed the Security Council resolution.', 'RejectionIssued', 'CHN', ''],
  ['refusing', 'Egypt refused to open the border crossing.', 'RejectionIssued', 'EGY', ''],
  [
    'withdrawing from an accord',
    'Russia withdrew from the nuclear treaty with the United States.',
    'RejectionIssued',
    'RUS',
    '',
  ],
];

describe.each(found)('%s', (_family, sentence, type, agent, target) => {
  it(`codes ${type}: ${sentence}`, () => {
    const events = code(sentence).filter((e) => e.type === type);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    if (agent) expect(e.agent.map((a) => a.country)).toContain(agent);
    if (target) expect([...e.agent, ...e.target].map((a) => a.country)).toContain(target);
    expect(sentence.slice(e.evidence[0]!.start, e.evidence[0]!.end)).toBe(e.evidence[0]!.text);
  });
});

describe('what the patterns say is something else', () => {
  it('holds no election where the word only qualifies a promise or a deal', () => {
    expect(types('The junta broke its election promises again.')).not.toContain('ElectionHeld');
    expect(types('The parties signed an election deal in Lima.')).not.toContain('ElectionHeld');
    expect(types('Peru will hold a presidential election in April.')).toContain('ElectionHeld');
  });

  it('does not take a pledge to act for aid', () => {
    expect(types('The president pledged to veto the bill.')).not.toContain('AidProvided');
  });

  it('does not take a withdrawal from an accord for troops leaving', () => {
    expect(types('Russia withdrew from the nuclear treaty with the United States.')).not.toContain('TroopsWithdrawn');
  });

  it('does not take suspended aid for aid', () => {
    expect(types('The United States suspended military aid to Egypt.')).not.toContain('AidProvided');
  });

  it('keeps a letter a letter when the verb has a wider CAMEO meaning', () => {
    expect(types('Iraq sent a letter to Iran on Monday.')).toContain('LetterSent');
  });
});

describe('frames keep ambiguous triggers quiet', () => {
  it('does not code markets or sports as politics', () => {
    expect(code('Oil prices rallied on Monday after the report.')).toEqual([]);
    expect(code('Stocks rallied strongly in late trading.')).toEqual([]);
    expect(code('Australia beat India by ten wickets in Adelaide.')).toEqual([]);
  });

  it('needs both sides or an armed subject for a bare verb of force', () => {
    expect(types('Saudi Arabia broke off ties with Iran in 2016.')).not.toContain('AttackCarriedOut');
    expect(types('The talks hit a snag on Monday.')).toEqual([]);
  });

  it('still codes a rally with its protesters or its place', () => {
    expect(types('Protesters rallied outside the Iranian embassy.')).toContain('ProtestHeld');
    expect(types('Thousands rallied in Nairobi on Monday.')).toContain('ProtestHeld');
  });
});

describe('discards', () => {
  const analyser = createAnalyser();
  const ix = buildTriggerIndex();
  const hits = (text: string): string[] => {
    const a = analyser.analyse(text);
    return findTriggers(a, ix, new Uint8Array(a.tokens.length)).map((h) => h.type);
  };

  it('gives no triggers in a sentence about sport', () => {
    expect(hits('The batsman was attacked by the bowlers.')).toEqual([]);
    expect(hits('The rebels attacked the town.')).toEqual(['AttackCarriedOut']);
  });

  it('gives none in a story that is mostly sport', () => {
    const story =
      'The cricket team arrived in Perth. The batsman scored a century. The bowler took five wickets. Officials met on Monday.';
    expect(hits(story)).toEqual([]);
  });

  it('can run without the CAMEO patterns', () => {
    const plain = buildTriggerIndex(undefined, { cameo: false });
    const a = analyser.analyse('Canada denounced Venezuela for the arrests.');
    expect(findTriggers(a, plain, new Uint8Array(a.tokens.length)).map((h) => h.type)).toEqual(['AccusationMade']);
    expect(plain.cameo).toBeUndefined();
  });
});
