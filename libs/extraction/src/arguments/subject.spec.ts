// The clause-shape rules of subject.ts on their own: the analyser's tokens, and
// mentions made here for the capitalised names of a small table, so these
// tests do not depend on the gazetteer or the trigger lexicon.
import type { Mention } from '../actors/mention.js';
import { createAnalyser } from '../sentences/analyse.js';
import type { Analysis } from '../sentences/tokens.js';
import { SentenceView } from './phrases.js';
import { objectAt, subjectAt } from './subject.js';

const NAMES = new Set([
  'Iran',
  'Iraq',
  'Turkey',
  'Israel',
  'Russia',
  'Ukraine',
  'Kadhimi',
  'Pakistan',
  'India',
  'Hezbollah',
]);
const analyser = createAnalyser();

function view(text: string): { v: SentenceView; a: Analysis; at: (word: string) => number } {
  const a = analyser.analyse(text);
  const mentions: Mention[] = [];
  a.tokens.forEach((t, k) => {
    if (!NAMES.has(t.value)) return;
    const entity = {
      id: t.lower,
      name: t.value,
      country: t.value.slice(0, 3).toUpperCase(),
      sector: 'GOV' as const,
      kind: 'country' as const,
    };
    const possessive = a.tokens[k + 1]?.lower === "'s";
    mentions.push({
      first: k,
      last: k + 1,
      start: t.start,
      end: t.end,
      nameStart: t.start,
      entity,
      via: 'name',
      sector: 'GOV',
      possessive,
    });
  });
  const at = (word: string): number => a.tokens.findIndex((t) => t.lower === word);
  return { v: new SentenceView(a, a.sentences[0]!, mentions), a, at };
}

const names = (ms: Mention[]): string[] => ms.map((m) => m.entity.name);

describe('subjectAt', () => {
  it.each([
    ['Officials said Iran attacked the base.', 'attacked', ['Iran']],
    ['Hezbollah, which attacked the base, denied it.', 'attacked', ['Hezbollah']],
    ['Kadhimi, the prime minister of Iraq, visited Tehran.', 'visited', ['Kadhimi']],
    ['Iran met officials and signed the deal.', 'signed', ['Iran']],
    ['Russia on Sunday attacked the city.', 'attacked', ['Russia']],
    ['Turkey refused to withdraw its troops.', 'withdraw', ['Turkey']],
    ['Iran urged Iraq to expel the troops.', 'expel', ['Iraq']],
    ["Iran's decision to withdraw surprised everyone.", 'withdraw', ['Iran']],
    ['Iraq accused Turkey of attacking villages.', 'attacking', ['Turkey']],
    ['Accusing Iran of the attack, Israel vowed revenge.', 'accusing', ['Israel']],
    ['Troops from Pakistan and India exchanged fire.', 'exchanged', ['Pakistan', 'India']],
    ['The convoy attacked the base, Iran said.', 'attacked', []],
    ['Iran-backed fighters attacked the base.', 'attacked', []],
  ] as const)('%s -> subject of "%s" is %j', (text, verb, expected) => {
    const { v, at } = view(text);
    expect(names(subjectAt(v, at(verb)))).toEqual(expected);
  });
});

describe('objectAt', () => {
  it('takes the phrase after the verb, coordinated names included', () => {
    const { v, at } = view('Iran attacked Israel and Turkey on Monday.');
    expect(names(objectAt(v, at('attacked') + 1))).toEqual(['Israel', 'Turkey']);
  });

  it('looks through "the head of X"', () => {
    const { v, at } = view('Russia met the head of Ukraine on Monday.');
    expect(names(objectAt(v, at('met') + 1))).toEqual(['Ukraine']);
  });
});
