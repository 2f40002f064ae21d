// Nationalities and descriptions around names: "Pakistani Prime Minister X" is one
// actor, "Indian and Chinese troops" are both military, "the top Iranian commander"
// after a named commander is him. Sentences written for these tests.
import { createAnalyser } from '../sentences/analyse.js';
import { buildAliasIndex } from './alias-index.js';
import { loadGazetteer } from './gazetteer.js';
import { findMentions, type MatchContext } from './matcher.js';
import { buildPhoneticIndex } from './phonetic.js';

const g = loadGazetteer();
const analyser = createAnalyser();
const ix = buildAliasIndex(g);
const phonetic = buildPhoneticIndex(g, g.aliases);

function summary(text: string, publishedAt = '2024-03-01'): string[] {
  const ctx: MatchContext = { gazetteer: g, index: ix, phonetic, publishedAt };
  return findMentions(analyser.analyse(text), ctx).map(
    (m) => `${text.slice(m.start, m.end)}=${m.entity.id}/${m.sector}`,
  );
}

describe('a nationality before a person of that country', () => {
  it('is part of their description, not a second actor', () => {
    expect(summary('Pakistani Prime Minister Shehbaz Sharif spoke.')).toEqual([
      'Pakistani Prime Minister Shehbaz Sharif=shehbaz-sharif/GOV',
    ]);
    expect(summary("Kenya's President William Ruto flew home.")).toEqual([
      "Kenya's President William Ruto=william-ruto/GOV",
    ]);
  });

  it('stays an actor before a person of another country', () => {
    expect(summary('French envoy Antony Blinken arrived.').map((x) => x.split('=')[1])).toContain('antony-blinken/GOV');
    expect(summary('French envoy Antony Blinken arrived.').length).toBe(2);
  });
});

describe('coordinated nationalities before one group noun', () => {
  it("all take the noun's sector", () => {
    expect(summary('Indian and Chinese troops clashed at the border.')).toEqual([
      'Indian=india/MIL',
      'Chinese troops=china/MIL',
    ]);
    expect(summary('Greek, Turkish and Cypriot police met.').map((x) => x.split('/')[1])).toEqual([
      'COP',
      'COP',
      'COP',
    ]);
  });
});

describe('a definite description after a name', () => {
  it('is the one person of that country and sector already named', () => {
    expect(summary('Asim Munir toured the front. Later the Pakistani general met elders.')[1]).toBe(
      'Pakistani general=asim-munir/MIL',
    );
    expect(summary('Penny Wong landed in Suva. The Australian minister met island leaders.', '2023-05-01')[2]).toBe(
      'Australian minister=penny-wong/GOV',
    );
  });

  it('stays the country when it is indefinite, comes first or fits several people', () => {
    expect(summary('An Indian general was reassigned.')).toEqual(['Indian general=india/MIL']);
    expect(summary('The Indian general spoke. Upendra Dwivedi listened.')[0]).toBe('Indian general=india/MIL');
    expect(summary('Asim Munir and Qamar Javed Bajwa met. The Pakistani general left first.')[2]).toBe(
      'Pakistani general=pakistan/MIL',
    );
  });
});

describe("a state organ after another country's possessive", () => {
  it("is that country's organ", () => {
    expect(summary("South Korea's Joint Chiefs of Staff tracked the launch.")).toEqual([
      "South Korea's Joint Chiefs of Staff=south-korea/MIL",
    ]);
  });

  it('keeps its own country without the possessive', () => {
    expect(summary('The Joint Chiefs of Staff briefed Congress.')[0]).toBe('Joint Chiefs of Staff=united-states/MIL');
  });
});

describe('dictionary actors joining ours', () => {
  it('join an organisation of ours by its own name only, not by one of its many names', () => {
    // Phoenix's "United States Military" lists Central Command among its names: it is not CENTCOM
    expect(summary('The Joint Chiefs of Staff met.')[0]).not.toContain('us-centcom');
    expect(summary('CENTCOM said it struck a radar site.')).toEqual(['CENTCOM=us-centcom/MIL']);
  });
});

describe('group nouns after a nationality', () => {
  it('take the last noun of the phrase as its head', () => {
    expect(summary("Chad's military government closed the border.")).toEqual(["Chad's military government=chad/GOV"]);
    expect(summary('Libyan government forces shelled the port.')).toEqual(['Libyan government forces=libya/MIL']);
  });

  it('read past descriptive words before the noun', () => {
    expect(summary('Iranian border guards fired warning shots.')[0]).toMatch(/=iran\/(?:MIL|COP)$/);
    expect(summary('Peruvian riot police cleared the square.')).toEqual(['Peruvian riot police=peru/COP']);
  });
});

describe('unnamed armed groups and counterparts', () => {
  it('makes gangs, cartels and guerrillas rebels of their country', () => {
    expect(summary('Ecuadorian gangs stormed the studio.')).toEqual(['Ecuadorian gangs=ecuadorian-rebels/REB']);
    expect(summary('Mexican cartels fought for the town.')).toEqual(['Mexican cartels=mexican-rebels/REB']);
  });

  it('reads "his Saudi counterpart X" as X alone', () => {
    expect(summary('Wang Yi met his Saudi counterpart Faisal bin Farhan.', '2023-04-01')).toEqual([
      'Wang Yi=wang-yi/GOV',
      'Saudi counterpart Faisal bin Farhan=faisal-bin-farhan/GOV',
    ]);
  });
});

describe("the story's country", () => {
  it('gives groups without a country the country the story is about', () => {
    expect(summary('Kenya raised taxes. Protesters marched in Nairobi.')).toContain('Protesters=kenyan-protesters/CVL');
  });

  it('is the US when the story is about the US alone', () => {
    expect(summary('The White House sent the bill back. Lawmakers passed it again.')).toContain(
      'Lawmakers=us-congress/LEG',
    );
  });

  it('is nobody when no country is named: no Iraqi lawmakers out of nowhere', () => {
    expect(summary('Lawmakers passed the bill on Tuesday.')).toEqual([]);
    expect(summary('The prime minister resigned on Tuesday.')).toEqual([]);
  });
});

describe('a title before a name we do not know', () => {
  it('is not our holder of that office: the country stands', () => {
    // our Russian defence minister on this date is someone else
    expect(summary('Defense Minister Pavel Unknownov arrived in Moscow.', '2024-06-01')[0]).toBe(
      'Defense Minister Pavel Unknownov=russia/GOV',
    );
    expect(summary("Sudan's Foreign Minister Hussein Awad spoke.", '2024-06-01')).toEqual(['Sudan=sudan/GOV']);
  });

  it('still widens a name we know and stands for our holder alone', () => {
    expect(summary('Foreign Minister Sergei Lavrov arrived.', '2024-06-01')).toEqual([
      'Foreign Minister Sergei Lavrov=sergei-lavrov/GOV',
    ]);
    expect(summary("Iran's foreign minister spoke.", '2024-06-01')[0]).toBe(
      "Iran's foreign minister=ali-bagheri-kani/GOV",
    );
  });
});
