// IGOs, armed groups, parties, legislatures and seats of government
// (data/organisations/*.json, data/government-bodies.json). Sentences written for these tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyser } from '../sentences/analyse.js';
import { buildAliasIndex } from './alias-index.js';
import { dataDir, loadGazetteer } from './gazetteer.js';
import { findMentions, type MatchContext } from './matcher.js';
import { buildPhoneticIndex } from './phonetic.js';

const g = loadGazetteer();
const analyser = createAnalyser();
const ix = buildAliasIndex(g);
const phonetic = buildPhoneticIndex(g, g.aliases);

function summary(text: string, publishedAt = '2024-03-01'): string[] {
  const ctx: MatchContext = { gazetteer: g, index: ix, phonetic, publishedAt };
  return findMentions(analyser.analyse(text), ctx).map((m) => `${m.entity.id}/${m.entity.country}/${m.sector}`);
}

describe('organisation files', () => {
  const dir = join(dataDir(), 'organisations');
  it('say where they come from and use known countries and catalog sectors', () => {
    const sectors = new Set(['GOV', 'MIL', 'LEG', 'JUD', 'PTY', 'REB', 'COP', 'SPY', 'CVL', 'BUS', 'MED', 'IGO']);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const file = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        _source: string;
        organisations: Array<{ id: string; country: string; sector: string }>;
      };
      expect(file._source.length).toBeGreaterThan(40);
      for (const o of file.organisations) {
        expect(o.id).toMatch(/^[a-z0-9'-]+$/);
        expect(o.country === 'IGO' || g.countriesByIso.has(o.country)).toBe(true);
        expect(sectors.has(o.sector)).toBe(true);
      }
    }
  });
});

describe('organisations', () => {
  it('codes regional and UN bodies as IGOs, one id for the name and its acronym', () => {
    expect(summary('ECOWAS leaders met in Abuja.')[0]).toBe('economic-community-of-west-african-states/IGO/IGO');
    expect(summary('The Economic Community of West African States met.')[0]).toBe(
      'economic-community-of-west-african-states/IGO/IGO',
    );
    expect(summary('The African Union suspended Gabon.')[0]).toBe('african-union/IGO/IGO');
    expect(summary('The ICC issued a warrant.')).toEqual(['international-criminal-court/IGO/JUD']);
    expect(summary('The G7 promised more money.')).toEqual(['group-of-seven/IGO/IGO']);
  });

  it('codes armed groups as rebels of the country where they fight', () => {
    expect(summary('Al-Shabaab fighters overran the base.')[0]).toMatch(/^al-shabaab\/SOM\/REB/);
    expect(summary('The Rapid Support Forces shelled the city.')).toEqual(['rapid-support-forces/SDN/REB']);
    expect(summary('M23 rebels seized the town.')[0]).toMatch(/^m23\/COD\/REB/);
    expect(summary('JNIM claimed the ambush.')).toEqual(['jnim/MLI/REB']);
    expect(summary('The TTP denied the claim.')).toEqual(['tehrik-i-taliban-pakistan/PAK/REB']);
    expect(summary('Ansar Allah fired a drone.')).toEqual(['houthis/YEM/REB']);
  });

  it("codes a state-run private army as the state's military", () => {
    expect(summary('Wagner mercenaries left the town.')[0]).toMatch(/^wagner-group\/RUS\/MIL/);
  });

  it('gives parties and legislatures their country', () => {
    expect(summary('The Knesset passed the bill.')).toEqual(['knesset/ISR/LEG']);
    expect(summary('Georgian Dream won the vote.')).toEqual(['georgian-dream/GEO/PTY']);
    expect(summary('The BJP swept the state.')).toEqual(['bharatiya-janata-party/IND/PTY']);
  });

  it('lets seats of government and security services stand for their state', () => {
    expect(summary('The Elysee denied the report.')).toEqual(['france/FRA/GOV']);
    expect(summary('Zhongnanhai stayed silent.')).toEqual(['china/CHN/GOV']);
    expect(summary('Mossad agents were blamed.')[0]).toMatch(/^israel\/ISR\/SPY/);
    expect(summary('The SBU detained a suspect.')).toEqual(['ukraine/UKR/SPY']);
  });

  it('leaves short acronyms that are common words elsewhere alone', () => {
    expect(summary('The PDF was attached to the email.')).toEqual([]);
    expect(summary('He was listed as KIA in the report.')).toEqual([]);
  });
});

describe('short forms of organisations named in full', () => {
  it('"the Union", "the Court" stand for the organisation the article named', () => {
    expect(
      summary('The African Union met in Addis Ababa. The Union later suspended Niger.').filter((x) =>
        x.startsWith('african-union'),
      ),
    ).toHaveLength(2);
    expect(
      summary('The International Criminal Court opened a case. The Court named two suspects.').filter((x) =>
        x.startsWith('international-criminal-court'),
      ),
    ).toHaveLength(2);
  });

  it('name nothing when no such organisation was named', () => {
    expect(summary('The Union will vote on Friday.')).toEqual([]);
  });
});

describe('group nouns', () => {
  it('makes a junta the army in power and supporters civilians', () => {
    expect(summary("Mali's junta expelled the envoy.")).toEqual(['mali/MLI/MIL']);
    expect(summary('Kenyan supporters of the plan gathered.')[0]).toBe('kenyan-civilians/KEN/CVL');
  });
});

describe('descriptive group names', () => {
  it('stand for the armed group a story about another country names', () => {
    const s = summary(
      'Al-Shabaab fighters raided a base in Somalia. The Iran-backed militias were not involved, Somali officials said. Al-Shabaab later withdrew.',
    );
    expect(s.filter((x) => x.startsWith('iran-backed-militias'))).toEqual([]);
  });

  it('keep their own meaning in a story about their own country', () => {
    expect(summary('Iran-backed militias fired rockets at a base in Iraq, Iraqi officials said.')[0]).toBe(
      'iran-backed-militias/IRQ/REB',
    );
  });
});

describe('country names as the press writes them', () => {
  it('reads bare "Congo" as the Democratic Republic, the Republic by its own names', () => {
    expect(summary("Congo's government accused Rwanda.")[0]).toBe('democratic-republic-of-the-congo/COD/GOV');
    expect(summary('The Republic of Congo stayed neutral.')).toEqual(['republic-of-the-congo/COG/GOV']);
    expect(summary('Naypyitaw denied the report.')).toEqual(['myanmar/MMR/GOV']);
  });
});
