// Who did what to whom, one construction per test. Every sentence here was
// written for these tests (none comes from the dev corpus).
import type { CodedEvent, EventType } from '#domain';
import { createCoder, type Coder } from '../coder.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function events(text: string, publishedAt = '2023-05-10'): CodedEvent[] {
  return coder.extract({ text, publishedAt });
}

function one(text: string, type: EventType, publishedAt?: string): CodedEvent {
  const found = events(text, publishedAt).filter((e) => e.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length} in: ${text}`);
  return found[0]!;
}

const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id);
const countries = (xs: { country: string }[]): string[] => xs.map((x) => x.country);

describe('subjects by clause shape', () => {
  it('"X said Y did Z": Y is the agent of Z', () => {
    const e = one('Iraqi officials said Iran sent a letter to Saudi Arabia.', 'LetterSent');
    expect(ids(e.agent)).toEqual(['iran']);
    expect(ids(e.target)).toEqual(['saudi-arabia']);
  });

  it('"Erdogan accused Sweden" is Turkey against Sweden, whatever the place', () => {
    const e = one('Speaking in northern Iraq, Erdogan accused Sweden of harbouring militants.', 'AccusationMade');
    expect(countries(e.agent)).toEqual(['TUR']);
    expect(countries(e.target)).toEqual(['SWE']);
  });

  it('a relative pronoun stands for its antecedent', () => {
    const e = one('Kataib Hezbollah, which attacked the US embassy in 2019, denied the report.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['kataib-hezbollah']);
    expect(countries(e.target)).toEqual(['USA']);
  });

  it('an apposition between subject and verb is skipped', () => {
    const e = one(
      "Mustafa al-Kadhimi, the Iraqi prime minister, met Iran's foreign minister on Monday.",
      'MeetingHeld',
    );
    expect(ids(e.agent)).toEqual(['mustafa-al-kadhimi']);
    expect(countries(e.target)).toEqual(['IRN']);
  });

  it('coordinated verbs share their subject', () => {
    const e = one('Iran met Iraqi officials and signed an agreement with Iraq on Sunday.', 'AgreementReached');
    expect(ids(e.agent)).toEqual(['iran']);
  });

  it('a time adverbial between subject and verb is no subject', () => {
    const e = one('Russia on Sunday attacked Ukraine.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['russia']);
    expect(ids(e.target)).toEqual(['ukraine']);
  });

  it('an infinitive takes the subject of the verb it hangs on ("refused to withdraw")', () => {
    const e = one('Turkey refused to withdraw its troops from Iraq.', 'TroopsWithdrawn');
    expect(ids(e.agent)).toEqual(['turkey']);
    expect(ids(e.target)).toEqual(['iraq']);
  });

  it('"accused X of attacking": X is the accused (the alleged attack is the accusation\'s content)', () => {
    const e = one('Iraq accused Turkey of attacking Kurdish villages.', 'AccusationMade');
    expect(ids(e.agent)).toEqual(['iraq']);
    expect(ids(e.target)).toEqual(['turkey']);
  });

  it("an opening participle clause takes the main clause's subject", () => {
    const e = one('Accusing Iran of the attack, Israel said it would respond.', 'AccusationMade');
    expect(ids(e.agent)).toEqual(['israel']);
    expect(ids(e.target)).toEqual(['iran']);
  });

  it('"a statement demanding": the statement\'s author demands', () => {
    const e = one('Hezbollah issued a statement demanding the withdrawal of Israeli forces.', 'DemandIssued');
    expect(ids(e.agent)).toEqual(['hezbollah']);
  });
});

describe('collective groups with no country named', () => {
  it("are nobody's group, with a clean id", () => {
    const e = one('Militants ambushed a police convoy near the border on Monday.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['militants']);
    expect(countries(e.agent)).toEqual(['']);
  });
});

describe('constructions', () => {
  it('"X-backed Y" is Y', () => {
    const e = one('Iran-backed militias attacked a US base in Syria on Sunday.', 'AttackCarriedOut');
    expect(ids(e.agent)).not.toContain('iran');
    expect(e.agent[0]!.sector).toBe('REB');
  });

  it('"X-backed Y" with Y unknown: Y is not X', () => {
    const e = one(
      'Russia-backed separatists attacked Ukrainian positions in eastern Ukraine on Sunday.',
      'AttackCarriedOut',
    );
    expect(countries(e.agent)).not.toContain('RUS');
    expect(e.agent[0]!.sector).toBe('REB');
  });

  it('"in (eastern) X" is a place, not a target', () => {
    const e = one('Russia accused Britain of spying in eastern Ukraine.', 'AccusationMade');
    expect(ids(e.target)).toEqual(['united-kingdom']);
    const d = one('Iran urged Britain to release its diplomats in northern Iraq.', 'DemandIssued');
    expect(ids(d.target)).toEqual(['united-kingdom']);
    const s = one('Turkey imposed sanctions on Sweden over protests in central Stockholm.', 'SanctionsImposed');
    expect(ids(s.target)).toEqual(['sweden']);
    expect(s.location?.name).toBe('Stockholm');
  });

  it('a headline\'s reduced passive: "X killed in US attack"', () => {
    const e = one('Iranian general killed in US attack\nThe Pentagon confirmed the strike.', 'AttackCarriedOut');
    expect(countries(e.agent)).toEqual(['USA']);
    expect(countries(e.target)).toEqual(['IRN']);
  });

  it('"X\'s killing" makes X the victim', () => {
    const e = one("Soleimani's killing angered Iran.", 'AttackCarriedOut');
    expect(ids(e.target)).toEqual(['qassem-soleimani']);
    expect(ids(e.agent)).not.toContain('qassem-soleimani');
  });

  it('"received aid from X" makes X the giver', () => {
    const e = one('Iraq received military aid from Iran last year.', 'AidProvided');
    expect(ids(e.agent)).toEqual(['iran']);
    expect(ids(e.target)).toEqual(['iraq']);
  });

  it('an attack noun heading the subject lends its actors ("X\'s assault on Y killed")', () => {
    const e = one("Russia's missile assault on Ukraine killed 20 people.", 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['russia']);
    expect(ids(e.target)).toEqual(['ukraine']);
  });

  it("a title is the office holder on the event's date, not the publication date", () => {
    const e = one('In 2016, the Iraqi prime minister visited Tehran.', 'VisitMade', '2023-05-10');
    expect(ids(e.agent)).toEqual(['haider-al-abadi']);
    const now = one('On Monday, the Iraqi prime minister visited Tehran.', 'VisitMade', '2021-05-12');
    expect(ids(now.agent)).toEqual(['mustafa-al-kadhimi']);
  });

  it('collective phrases come from the table: world powers, Western troops, donors', () => {
    expect(ids(one('Iran reached a nuclear deal with world powers in 2015.', 'AgreementReached').target)).toEqual([
      'world-powers',
    ]);
    expect(ids(one('Western troops withdrew from Afghanistan in August.', 'TroopsWithdrawn').agent)).toEqual([
      'western-forces',
    ]);
    const aid = one('International donors pledged $2 billion in aid for Syria on Tuesday.', 'AidProvided');
    expect(ids(aid.agent)).toEqual(['international-donors']);
    expect(ids(aid.target)).toEqual(['syria']);
  });

  it('"the two sides" are the last two sides named', () => {
    const text =
      'Iran and the United States resumed indirect talks in Vienna on Monday. The two sides agreed to meet again next week.';
    const meeting = events(text).find((e) => e.type === 'MeetingHeld')!;
    expect(countries([...meeting.agent, ...meeting.target]).sort()).toEqual(['IRN', 'USA']);
  });

  it('protesters take the nationality of where they protest unless named', () => {
    const e = one('Iran condemned Israel. Thousands of protesters rallied in Tbilisi on Sunday.', 'ProtestHeld');
    expect(countries(e.agent)).toEqual(['GEO']);
    const named = one('Iranian protesters rallied in Baghdad on Sunday.', 'ProtestHeld');
    expect(countries(named.agent)).toEqual(['IRN']);
  });

  it('a definite nominal with its own arguments is no anaphor ("the attacks targeting X")', () => {
    const e = one('The attacks targeting US forces in Iraq must stop, Iraqi officials said.', 'AttackCarriedOut');
    expect(countries(e.target)).toEqual(['USA']);
  });

  it("an event with no actor in its sentence does not join another sentence's event on dates alone", () => {
    const text =
      'Iran attacked the US embassy in Baghdad on Monday. An attack was also reported near the airport on Monday.';
    const attacks = events(text, '2023-05-10').filter((e) => e.type === 'AttackCarriedOut');
    expect(attacks).toHaveLength(1);
    expect(attacks[0]!.evidence.map((x) => x.text).join(' ')).not.toMatch(/reported/);
  });

  it('"suspended aid to X" is a sanction, not aid; "withdrew from the deal" a rejection, not a withdrawal', () => {
    const s = one('The European Union suspended financial aid to Niger on Friday.', 'SanctionsImposed');
    expect(countries(s.target)).toEqual(['NER']);
    expect(
      events('The European Union suspended financial aid to Niger on Friday.').some((e) => e.type === 'AidProvided'),
    ).toBe(false);
    const r = one('The United States withdrew from the nuclear deal with Iran in 2018.', 'RejectionIssued');
    expect(ids(r.agent)).toEqual(['united-states']);
    expect(
      events('The United States withdrew from the nuclear deal with Iran in 2018.').some(
        (e) => e.type === 'TroopsWithdrawn',
      ),
    ).toBe(false);
  });

  it('a nationality before a non-political noun is no state actor', () => {
    expect(events('A Dutch company agreed to buy a German rival on Monday.')).toEqual([]);
  });

  it('an argument frame can say a trigger is not the event', () => {
    expect(
      events('The Venezuelan government met the conditions of the deal, Maduro said.').some(
        (e) => e.type === 'MeetingHeld',
      ),
    ).toBe(false);
    expect(events('Japan met South Korea in Tokyo on Monday.').some((e) => e.type === 'MeetingHeld')).toBe(true);
    expect(events('India is withdrawing visas for Pakistani citizens.').some((e) => e.type === 'TroopsWithdrawn')).toBe(
      false,
    );
    expect(
      events('India is withdrawing troops from the border with Pakistan.').some((e) => e.type === 'TroopsWithdrawn'),
    ).toBe(true);
    expect(events('French troops arrived in Mali on Monday.').some((e) => e.type === 'VisitMade')).toBe(false);
  });

  it("a symmetric event's other side is a participant, not what a decision is about", () => {
    const text = 'The European Union agreed on new sanctions against Iran on Sunday.';
    const deal = events(text).find((e) => e.type === 'AgreementReached');
    expect(deal === undefined || !countries(deal.target).includes('IRN')).toBe(true);
    const sanctions = one(text, 'SanctionsImposed');
    expect(ids(sanctions.agent)).toEqual(['european-union']);
    expect(countries(sanctions.target)).toEqual(['IRN']);
  });

  it('an election is held by its country, not by the subject of the clause', () => {
    const e = one('The United States rejected the result of the presidential election in Venezuela.', 'ElectionHeld');
    expect(countries(e.agent)).toEqual(['VEN']);
  });
});
