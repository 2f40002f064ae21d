// Agent nouns, dictionary actors and titles on a date. Sentences written for these tests.
import { createAnalyser } from '../sentences/analyse.js';
import { buildAliasIndex } from './alias-index.js';
import { roleOn } from './dictionary.js';
import { loadGazetteer, officeHolder, type Entity } from './gazetteer.js';
import { findMentions, type MatchContext } from './matcher.js';
import type { Mention } from './mention.js';
import { buildPhoneticIndex } from './phonetic.js';
import { resolveTitleOn } from './titles.js';

const g = loadGazetteer();
const analyser = createAnalyser();
const ix = buildAliasIndex(g);
const phonetic = buildPhoneticIndex(g, g.aliases);

function mentions(text: string, publishedAt = '2021-04-07'): Mention[] {
  const ctx: MatchContext = { gazetteer: g, index: ix, phonetic, publishedAt };
  return findMentions(analyser.analyse(text), ctx);
}
const summary = (text: string, at?: string): string[] =>
  mentions(text, at).map((m) => `${m.entity.id}/${m.entity.country}/${m.sector}`);

describe('agent nouns with a country or an organisation', () => {
  it('makes the state itself of officials, armies and police', () => {
    expect(summary('The Sudanese army shelled the market.')).toEqual(['sudan/SDN/MIL']);
    expect(summary('Peruvian police blocked the road.')).toEqual(['peru/PER/COP']);
    expect(summary("Chile's foreign ministry summoned the envoy.")).toEqual(['chile/CHL/GOV']);
  });

  it('makes groups of civilians, protesters, rebels and lawmakers', () => {
    expect(summary('Kenyan protesters marched on parliament.')[0]).toBe('kenyan-protesters/KEN/CVL');
    expect(summary('Colombian rebels freed two hostages.')).toEqual(['colombian-rebels/COL/REB']);
    expect(summary('Thai farmers blocked the highway.')).toEqual(['thai-civilians/THA/CVL']);
  });

  it('gives militias the country of their nationality adjective, a bare one the story country', () => {
    expect(summary('Malian militias burned the granary.')).toEqual(['malian-rebels/MLI/REB']);
    expect(summary('In Burkina Faso, militias burned the granary.')).toEqual([
      'burkina-faso/BFA/GOV',
      'burkinabe-rebels/BFA/REB',
    ]);
    // the story country's described militias when our tables have them; with no country named, nobody's
    expect(summary('In Basra, militiamen blocked the port road.')).toContain('iran-backed-militias/IRQ/REB');
    expect(summary('Militias burned the granary.')).toEqual([]);
  });

  it('keeps the organisation when its members are named ("Hamas militants")', () => {
    expect(summary('Hamas militants fired rockets.')).toEqual(['hamas/PSE/REB']);
  });

  it('lets a title after a country stand: "Russian President" is not swallowed as a group', () => {
    expect(summary('Russian President Vladimir Putin spoke.', '2021-04-07').map((x) => x.split('/')[0])).toContain(
      'vladimir-putin',
    );
  });
});

describe('the dictionaries beside our gazetteer', () => {
  it('knows people and places ours lacks', () => {
    expect(summary('Recep Tayyip Erdogan spoke in Ankara.')[0]).toBe('recep-tayyip-erdogan/TUR/GOV');
    expect(summary('Shells fell on Kharkiv overnight.')).toEqual(['ukraine/UKR/GOV']);
  });

  it('knows the places in the news since the dictionaries from our countries table', () => {
    expect(summary('Shells fell on Kherson overnight.')).toEqual(['ukraine/UKR/GOV']);
    expect(summary('Drones hit a market in El Fasher.')).toEqual(['sudan/SDN/GOV']);
    expect(summary('Tanks moved toward Rafah.')).toEqual(['palestine/PSE/GOV']);
    // a sea named after a port is no country: our table leaves out such ports
    expect(summary('Ships sailed through the Gulf of Aden.')).toEqual([]);
  });

  it('lets our entries win: one id for a person in both', () => {
    expect(summary('Nouri al-Maliki spoke.').map((x) => x.split('/')[0])).toEqual(['nouri-al-maliki']);
  });

  it('does not take a lower-case word or a lone given name for a name', () => {
    expect(mentions('the rebels said hamas was a word.').map((m) => m.entity.id)).not.toContain('hamas');
    expect(summary('Hassan and Mohammed met.')).toEqual([]);
  });
});

describe('dated roles', () => {
  const person: Entity = {
    id: 'x',
    name: 'X',
    country: 'IRQ',
    sector: 'GOV',
    kind: 'person',
    roles: [
      { country: 'IRQ', sector: 'PTY', from: '1990-01-01', to: '2006-05-20' },
      { country: 'IRQ', sector: 'GOV', from: '2006-05-20', to: '2014-09-08' },
      { country: 'IRQ', sector: 'LEG', from: '', to: '' },
    ],
  };

  it('gives the role covering the date, else the default', () => {
    expect(roleOn(person, '2000-01-01')).toEqual({ country: 'IRQ', sector: 'PTY' });
    expect(roleOn(person, '2010-06-01')).toEqual({ country: 'IRQ', sector: 'GOV' });
    expect(roleOn(person, '2020-06-01')).toEqual({ country: 'IRQ', sector: 'LEG' });
  });

  it('resolves a title again on the event date', () => {
    const [m] = mentions("Iraq's prime minister spoke.", '2021-04-07');
    expect(m!.entity.id).toBe('mustafa-al-kadhimi');
    expect(m!.title).toEqual({ role: 'prime minister', country: 'IRQ' });
    expect(resolveTitleOn(g, m!, '2016-03-01').entity.id).toBe('haider-al-abadi');
    expect(resolveTitleOn(g, m!, '2023-03-01').entity.id).toBe('mohammed-shia-al-sudani');
    expect(resolveTitleOn(g, m!, '2021-04-07')).toBe(m);
  });

  it('answers officeHolder from our offices before the dictionaries', () => {
    expect(officeHolder(g, 'prime minister', 'IRQ', '2021-04-07')?.id).toBe('mustafa-al-kadhimi');
    expect(officeHolder(g, 'prime minister', 'IRQ', '2016-03-01')?.id).toBe('haider-al-abadi');
  });
});

describe('phonetic matching only for person-like names in a political context', () => {
  const ids = (text: string): string[] => mentions(text).map((m) => m.entity.id);

  it('does not turn a footballer into a president', () => {
    expect(ids('Mohamed Salah scored twice for Liverpool on Sunday.')).not.toContain('barham-salih');
    expect(ids('The winger, Salah, scored twice.')).not.toContain('barham-salih');
  });

  it("matches a variant when the first name matches too, or the person's country is named", () => {
    expect(ids('Barhem Salih received the envoy.')).toContain('barham-salih');
    expect(ids('In Baghdad, the envoy met Salah on Monday.')).toContain('barham-salih');
  });

  it('does not match a lone word opening a sentence or a given name', () => {
    expect(ids('Salah scored in Baghdad.')).not.toContain('barham-salih');
    expect(ids('Iraqi officials met Mohammed on Monday.')).not.toContain('abu-fadak-al-mohammedawi');
  });
});

describe('office holders after the dictionaries (our override layer)', () => {
  it('resolves titles of G20 governments on the date', () => {
    expect(mentions("Germany's chancellor spoke.", '2023-05-01').map((m) => m.entity.id)).toEqual(['olaf-scholz']);
    expect(mentions("Germany's chancellor spoke.", '2019-05-01').map((m) => m.entity.id)).toEqual(['angela-merkel']);
    expect(mentions("Britain's foreign secretary spoke.", '2024-03-01').map((m) => m.entity.id)).toEqual([
      'david-cameron',
    ]);
    expect(mentions('The Japanese prime minister spoke.', '2022-06-01').map((m) => m.entity.id)).toEqual([
      'fumio-kishida',
    ]);
  });
});
