// Dictionary lines in, table rows out: the Phoenix readers and the actor conversion.
// The lines are written here in the dictionaries' format, not copied from them.
import { convertActors } from './phoenix-convert.js';
import { parseActorDictionary, parseAgentDictionary, parseCodes, phoenixDate, roleOf } from './phoenix-format.js';

const iso = new Set(['IRQ', 'FRA', 'RUS', 'PSE']);

describe('phoenixDate and parseCodes', () => {
  it('reads eight- and six-digit dates, two-digit years below 30 being this century', () => {
    expect(phoenixDate('20060520')).toBe('2006-05-20');
    expect(phoenixDate('060520')).toBe('2006-05-20');
    expect(phoenixDate('640101')).toBe('1964-01-01');
    expect(phoenixDate('2004017')).toBeUndefined();
  });

  it('reads ranges, before, after and default codes', () => {
    expect(parseCodes('[IRQGOV 20060520-20140908] [IRQELI]')).toEqual([
      { code: 'IRQGOV', from: '2006-05-20', to: '2014-09-08' },
      { code: 'IRQELI', from: '', to: '' },
    ]);
    expect(parseCodes('[RUSGOV >080508]')).toEqual([{ code: 'RUSGOV', from: '2008-05-08', to: '' }]);
    expect(parseCodes('[IRQ <20030320]')).toEqual([{ code: 'IRQ', from: '', to: '2003-03-20' }]);
    expect(parseCodes('[---]')).toEqual([]);
  });

  it('maps role codes to our countries and sectors', () => {
    expect(roleOf('IRQGOVAGR', iso)).toEqual({ country: 'IRQ', sector: 'GOV' });
    expect(roleOf('PSEREBHMS', iso)).toEqual({ country: 'PSE', sector: 'REB' });
    expect(roleOf('IGOUNO', iso)).toEqual({ country: 'IGO', sector: 'IGO' });
    expect(roleOf('IMGMUSALQ', iso)).toEqual({ country: 'IGO', sector: 'REB' });
    expect(roleOf('USRGOV', iso)).toEqual({ country: 'RUS', sector: 'GOV' });
    expect(roleOf('MEAREB', iso)).toBeUndefined();
  });
});

describe('parseActorDictionary + convertActors', () => {
  const text = [
    '# a comment',
    'ATLANTIS_  [FRA]',
    '+ATLANTEAN_',
    '+PORT_NEMO_',
    '',
    'JEAN_DUPONT_VALOIS_  # CountryInfo.txt',
    '+PRIME_MINISTER_DUPONT',
    '+DUPONT_VALOIS',
    '\t[FRAELI 700101-100301]',
    '\t[FRAGOV 20100301-20151231]',
    '\t[FRAELI]',
    'NORTHERN_LIBERATION_FRONT_ [IRQREB] # a group',
    '+NLF_',
    'NOBODY_',
  ].join('\n');
  const records = parseActorDictionary(text);

  it('groups a primary line, its synonyms and its dated roles; a line with no code is no record', () => {
    expect(records.map((r) => r.names[0])).toEqual(['ATLANTIS_', 'JEAN_DUPONT_VALOIS_', 'NORTHERN_LIBERATION_FRONT_']);
    expect(records[1]!.names).toEqual(['JEAN_DUPONT_VALOIS_', 'PRIME_MINISTER_DUPONT', 'DUPONT_VALOIS']);
    expect(records[1]!.codes).toHaveLength(3);
  });

  it('writes places of a country, persons with dated roles and offices, organisations', () => {
    const t = convertActors(records, { isoCodes: iso, commonWords: new Set() });
    expect(t.places).toEqual([
      ['atlantean', 'FRA'],
      ['atlantis', 'FRA'],
      ['port nemo', 'FRA'],
    ]);
    const person = t.actors.find((a) => a.kind === 'person')!;
    expect(person).toEqual({
      id: 'jean-dupont-valois',
      name: 'Jean Dupont Valois',
      kind: 'person',
      aliases: ['jean dupont valois', 'prime minister dupont', 'dupont valois'],
      roles: [
        ['FRA', null, '1970-01-01', '2010-03-01'],
        ['FRA', 'GOV', '2010-03-01', '2015-12-31'],
        ['FRA', null, '', ''],
      ],
      offices: [['prime minister', 'FRA', '2010-03-01', '2015-12-31']],
    });
    const org = t.actors.find((a) => a.kind === 'org')!;
    expect(org.id).toBe('northern-liberation-front');
    expect(org.roles).toEqual([['IRQ', 'REB', '', '']]);
    expect(org.aliases).toContain('nlf');
  });

  it('drops a single common word as a name', () => {
    const t = convertActors(parseActorDictionary('GUARD_ [IRQMIL]\n+GUARDIANS_OF_THE_GATE_\n'), {
      isoCodes: iso,
      commonWords: new Set(['guard']),
    });
    expect(t.actors[0]!.aliases).toEqual(['guardians of the gate']);
  });
});

describe('parseAgentDictionary', () => {
  it('expands plurals, irregular plurals, substitution sets and stems', () => {
    const rows = parseAgentDictionary(
      [
        '!MINIST! = MINISTER, MINISTERS, MINISTRY',
        'PROTESTER [~OPP]',
        'POLICE {} [~COP]',
        'ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]',
        'FOREIGN_!MINIST! [~GOV]',
        'DEFENCE_MINIST [~GOVMIL]',
        'MILITIA [~UAF]',
        'DISSIDENT [~OPP]',
      ].join('\n'),
    );
    const m = new Map(rows.map((r) => [r.phrase, r.sector]));
    expect(m.get('protester')).toBe('CVL');
    expect(m.get('protesters')).toBe('CVL');
    expect(m.get('police')).toBe('COP');
    expect(m.has('polices')).toBe(false);
    expect(m.get('attorneys general')).toBe('JUD');
    expect(m.get('foreign minister')).toBe('GOV');
    expect(m.get('foreign ministry')).toBe('GOV');
    expect(m.get('defence ministers')).toBe('GOV');
    expect(m.get('militias')).toBe('REB');
    expect(m.get('dissident')).toBe('PTY');
  });
});
