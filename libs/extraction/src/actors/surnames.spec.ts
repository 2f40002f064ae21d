// The surname gate: a bare surname names a person only in an article that names
// them in full or puts a title before it. Sentences written for these tests.
import { createAnalyser } from '../sentences/analyse.js';
import { buildAliasIndex } from './alias-index.js';
import { loadGazetteer } from './gazetteer.js';
import { findMentions, type MatchContext } from './matcher.js';
import { buildPhoneticIndex } from './phonetic.js';

const g = loadGazetteer();
const analyser = createAnalyser();
const ix = buildAliasIndex(g);
const phonetic = buildPhoneticIndex(g, g.aliases);

function ids(text: string, publishedAt = '2024-03-01'): string[] {
  const ctx: MatchContext = { gazetteer: g, index: ix, phonetic, publishedAt };
  return findMentions(analyser.analyse(text), ctx).map((m) => m.entity.id);
}

describe('bare surnames', () => {
  it('name nobody in an article that never names the person in full', () => {
    expect(ids('Salah scored twice as the visitors won the derby.')).toEqual([]);
    expect(ids('Salih scored twice as the visitors won the derby.')).toEqual([]);
    expect(ids('Tony Bennett sang at the gala on Friday.')).toEqual([]);
    expect(ids('Sinwar is a common family name in the district.')).toEqual([]);
  });

  it('name the person once the article names them in full, before or after', () => {
    expect(ids('Barham Salih met the envoys. Later Salih said the talks went well.', '2020-01-05')).toEqual([
      'barham-salih',
      'barham-salih',
    ]);
    expect(ids('Zelensky rejects the plan. Volodymyr Zelensky told reporters he would not sign it.')).toEqual([
      'volodymyr-zelenskiy',
      'volodymyr-zelenskiy',
    ]);
  });

  it('name an office holder in a sentence that names a state or an organisation', () => {
    expect(ids('Erdogan accused Sweden of stalling.')).toEqual(['recep-tayyip-erdogan', 'sweden']);
    expect(ids('Later, Ruto thanked the African Union.')).toEqual(['william-ruto', 'african-union']);
    // no state or organisation in the sentence: no political context
    expect(ids('Ruto is a common name in the valley.')).toEqual([]);
  });

  it('name a head of state or government in office on the date in a headline (no full stop)', () => {
    expect(ids('Ruto flies to Addis for talks\nThe trip was confirmed on Monday.')).toEqual(['william-ruto']);
    expect(ids('Macron to address the nation tonight\nAides said the speech was short.')).toEqual(['emmanuel-macron']);
    // a sentence, not a headline; and a president no longer in office on the date
    expect(ids('Ruto flies to Addis for talks.')).toEqual([]);
    expect(ids('Ruto flies to Addis for talks\nThe trip was confirmed on Monday.', '2015-06-01')).toEqual([]);
  });

  it('name the person after a title or honorific', () => {
    expect(ids('President Zelensky flew to Warsaw.')[0]).toBe('volodymyr-zelenskiy');
    expect(ids('Mr Netanyahu declined to comment.')).toEqual(['benjamin-netanyahu']);
  });

  it('take the last word of anyone named in full as their surname in that article', () => {
    expect(
      ids('Abdoulaye Diop arrived in New York. Diop said the mission had failed.', '2023-06-16').filter(
        (x) => x === 'abdoulaye-diop',
      ),
    ).toHaveLength(2);
    expect(ids('Nawaz Sharif returned home. Sharif told supporters he would run.').slice(0, 2)).toEqual([
      'nawaz-sharif',
      'nawaz-sharif',
    ]);
  });

  it('go to the person of that surname the article names in full', () => {
    // "Sharif" is no alias of anyone; with Shehbaz named in full it is Shehbaz
    expect(ids('Shehbaz Sharif chaired the meeting. Sharif later flew to Riyadh.')).toEqual([
      'shehbaz-sharif',
      'shehbaz-sharif',
      'saudi-arabia',
    ]);
  });
});
