// The office-holder files (data/office-holders/*.json): people in office after
// 2019 resolve by name and by title on the article's date. Sentences written for these tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyser } from '../sentences/analyse.js';
import { buildAliasIndex } from './alias-index.js';
import { dataDir, loadGazetteer, officeHolder } from './gazetteer.js';
import { findMentions, type MatchContext } from './matcher.js';
import { buildPhoneticIndex } from './phonetic.js';

const g = loadGazetteer();
const analyser = createAnalyser();
const ix = buildAliasIndex(g);
const phonetic = buildPhoneticIndex(g, g.aliases);

function summary(text: string, publishedAt: string): string[] {
  const ctx: MatchContext = { gazetteer: g, index: ix, phonetic, publishedAt };
  return findMentions(analyser.analyse(text), ctx).map((m) => `${m.entity.id}/${m.entity.country}/${m.sector}`);
}
const holder = (role: string, iso: string, date: string): string | undefined => officeHolder(g, role, iso, date)?.id;

describe('office-holder files', () => {
  const dir = join(dataDir(), 'office-holders');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('say where they come from and give well-formed dated offices of known countries and titles', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    const roles = new Set(g.titles.map((t) => t.role));
    for (const f of files) {
      const file = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        _source: string;
        persons: Array<{ name: string; country?: string; offices: string[][] }>;
      };
      expect(file._source.length).toBeGreaterThan(40);
      for (const p of file.persons) {
        // a person with no office says their country
        const country = p.country ?? p.offices.find((o) => o[0] !== 'IGO')?.[0] ?? p.offices[0]?.[0];
        expect({ name: p.name, known: country === 'IGO' || g.countriesByIso.has(country ?? '') }).toEqual({
          name: p.name,
          known: true,
        });
        for (const [country, role, from, to] of p.offices) {
          expect(country === 'IGO' || g.countriesByIso.has(country!)).toBe(true);
          expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(to === '' || (to! > from! && /^\d{4}-\d{2}-\d{2}$/.test(to!))).toBe(true);
          expect(typeof role).toBe('string');
        }
      }
    }
    // most offices have a title phrase that names them
    const all = files.flatMap((f) =>
      (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { persons: Array<{ offices: string[][] }> }).persons.flatMap(
        (p) => p.offices.map((o) => o[1]!),
      ),
    );
    expect(all.filter((r) => roles.has(r)).length / all.length).toBeGreaterThan(0.9);
  });

  it('gives one holder per office and date (no overlapping terms)', () => {
    for (const [key, list] of g.offices) {
      const ours = list.filter((x) => x.ours).sort((a, b) => a.from.localeCompare(b.from));
      for (let i = 1; i < ours.length; i++) {
        if (ours[i]!.entity === ours[i - 1]!.entity) continue;
        expect({ key, overlap: ours[i]!.from < ours[i - 1]!.to ? ours[i]!.entity.id : undefined }).toEqual({
          key,
          overlap: undefined,
        });
      }
    }
  });

  it('knows the holders of offices after 2019 by date', () => {
    expect(holder('president', 'UKR', '2023-05-01')).toBe('volodymyr-zelenskiy');
    expect(holder('prime minister', 'UKR', '2022-03-01')).toBe('denys-shmyhal');
    expect(holder('prime minister', 'UKR', '2025-09-01')).toBe('yulia-svyrydenko');
    expect(holder('defense minister', 'RUS', '2023-01-01')).toBe('sergei-shoigu');
    expect(holder('defense minister', 'RUS', '2024-06-01')).toBe('andrei-belousov');
    expect(holder('prime minister', 'ISR', '2022-01-01')).toBe('naftali-bennett');
    expect(holder('prime minister', 'ISR', '2024-01-01')).toBe('benjamin-netanyahu');
    expect(holder('junta leader', 'NER', '2023-09-01')).toBe('abdourahamane-tchiani');
    expect(holder('military chief', 'PAK', '2025-05-01')).toBe('asim-munir');
    expect(holder('nato secretary-general', 'IGO', '2023-01-01')).toBe('jens-stoltenberg');
    expect(holder('nato secretary-general', 'IGO', '2025-01-01')).toBe('mark-rutte');
  });

  it('resolves a full name to its country and sector', () => {
    expect(summary('Volodymyr Zelenskyy met Mark Rutte in Kyiv.', '2021-02-01')).toEqual([
      'volodymyr-zelenskiy/UKR/GOV',
      'mark-rutte/NLD/GOV',
      'ukraine/UKR/GOV',
    ]);
    // in office at an organisation, a national politician is the organisation's
    expect(summary('Volodymyr Zelenskyy met Mark Rutte in Kyiv.', '2025-02-01')).toEqual([
      'volodymyr-zelenskiy/UKR/GOV',
      'mark-rutte/IGO/IGO',
      'ukraine/UKR/GOV',
    ]);
    expect(summary('General Asim Munir inspected the border posts.', '2025-05-01')).toEqual(['asim-munir/PAK/MIL']);
    expect(summary('Mohamed Hamdan Dagalo rejected the plan.', '2024-01-01')).toEqual([
      'mohamed-hamdan-dagalo/SDN/REB',
    ]);
  });

  it('resolves titles with a country to the holder on the date', () => {
    expect(summary("Pakistan's army chief visited the troops.", '2021-06-01')).toEqual(['qamar-javed-bajwa/PAK/MIL']);
    expect(summary("Pakistan's army chief visited the troops.", '2024-06-01')).toEqual(['asim-munir/PAK/MIL']);
    expect(summary('The Ukrainian defence minister flew home.', '2022-06-01')).toEqual(['oleksii-reznikov/UKR/GOV']);
    expect(summary("Britain's home secretary spoke.", '2021-06-01')).toEqual(['priti-patel/GBR/GOV']);
  });

  it('resolves the heads of international organisations by their titles', () => {
    expect(summary('The NATO chief spoke in Brussels.', '2022-06-01')[0]).toBe('jens-stoltenberg/IGO/IGO');
    expect(summary('The EU foreign policy chief arrived.', '2023-03-01')[0]).toBe('josep-borrell/IGO/IGO');
    expect(summary('The IMF chief warned of a slowdown.', '2023-03-01')[0]).toBe('kristalina-georgieva/IGO/IGO');
  });
});
