import { createAnalyser } from '../sentences/analyse.js';
import { buildAliasIndex } from './alias-index.js';
import { loadGazetteer } from './gazetteer.js';
import { findMentions, type MatchContext } from './matcher.js';
import { buildPhoneticIndex, editDistance } from './phonetic.js';

const g = loadGazetteer();
const analyser = createAnalyser();
const ctx = (publishedAt: string): MatchContext => ({
  gazetteer: g,
  index: buildAliasIndex(g),
  phonetic: buildPhoneticIndex(g, g.aliases),
  publishedAt,
});

function ids(text: string, publishedAt = '2021-04-07'): string[] {
  const a = analyser.analyse(text);
  return findMentions(a, ctx(publishedAt)).map((m) => m.entity.id);
}

describe('gazetteer', () => {
  it('has every country with an ISO alpha-3 code', () => {
    const countries = [...g.entities.values()].filter((e) => e.kind === 'country');
    expect(countries.length).toBeGreaterThanOrEqual(195);
    for (const c of countries) expect(c.country).toMatch(/^[A-Z]{3}$/);
  });
});

describe('findMentions', () => {
  it('resolves names, demonyms and capitals standing for governments', () => {
    expect(ids('Tehran and Washington traded blame while Iraqi officials watched.')).toEqual([
      'iran',
      'united-states',
      'iraq',
    ]);
  });

  it('takes the longest name', () => {
    expect(ids('The Iran-backed militias and Kataib Hezbollah marched.')).toEqual([
      'iran-backed-militias',
      'kataib-hezbollah',
    ]);
  });

  it('finds spelling variants by sound: Qhaani, Ghaani and Qaani are one person', () => {
    expect(ids('Esmail Qhaani arrived.')).toEqual(['esmail-qaani']);
    expect(ids('Maj. Gen. Esmail Ghaani arrived.')).toEqual(['esmail-qaani']);
    expect(ids('Ismail Qaani arrived.')).toEqual(['esmail-qaani']);
    expect(ids("Iraq's Foreign Minister Fuad Hassan spoke.")).toContain('fuad-hussein');
    expect(ids('Abu Mahdi Al-Mohandis was killed.')).toContain('abu-mahdi-al-muhandis');
  });

  it('does not match common capitalised words by sound', () => {
    expect(ids('Hassan said nothing.')).toEqual([]);
  });

  it('resolves titles to the holder on the publication date', () => {
    expect(ids("Iraq's prime minister spoke.", '2021-04-07')).toEqual(['mustafa-al-kadhimi']);
    expect(ids("Iraq's prime minister spoke.", '2019-12-01')).toEqual(['adel-abdul-mahdi']);
    expect(ids('The Iraqi PM spoke.', '2021-04-07')).toEqual(['mustafa-al-kadhimi']);
    expect(ids('A former National Security Adviser spoke.', '2021-04-07')).toEqual([]);
  });

  it('ignores photo credits and datelines', () => {
    expect(ids('Protesters gather in Baghdad. (AP Photo/Khalid Mohammed)')).not.toContain('associated-press');
    expect(ids('BAGHDAD (AP) — Nothing happened.')).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts edits', () => {
    expect(editDistance('qhaani', 'qaani')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
