// General English argument constructions (issue 10), one per test. Every sentence
// was written for these tests; none comes from the dev corpus.
import type { CodedEvent, EventType } from '#domain';
import { createCoder, type Coder } from '../coder.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function all(text: string, type: EventType): CodedEvent[] {
  return coder.extract({ text, publishedAt: '2023-05-10', language: 'en' }).filter((e) => e.type === type);
}

function one(text: string, type: EventType): CodedEvent {
  const found = all(text, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length} in: ${text}`);
  return found[0]!;
}

const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id).sort();

describe('who did what to whom', () => {
  it('"X accused Y of ...": Y is accused, never the object of "of"', () => {
    const e = one('Kenya accused Ethiopia of supporting rebels in Somalia.', 'AccusationMade');
    expect(ids(e.agent)).toEqual(['kenya']);
    expect(ids(e.target)).toEqual(['ethiopia']);
  });

  it('"Y was accused by X of ...": X accuses, Y is accused and did it', () => {
    const text = 'Russia was accused by Ukraine of shelling the nuclear plant.';
    const e = one(text, 'AccusationMade');
    expect(ids(e.agent)).toEqual(['ukraine']);
    expect(ids(e.target)).toEqual(['russia']);
    for (const attack of all(text, 'AttackCarriedOut')) expect(ids(attack.agent)).toEqual(['russia']);
  });

  it('a passive names its agent with "by"', () => {
    const e = one('Ukraine was attacked by Russia overnight.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['russia']);
    expect(ids(e.target)).toEqual(['ukraine']);
  });

  it('"Y was visited by X" and "X\'s visit to Y" are the same visit', () => {
    for (const text of [
      'Algeria was visited by Macron on Tuesday.',
      "Macron's visit to Algeria was warmly received.",
    ]) {
      const e = one(text, 'VisitMade');
      expect(ids(e.agent)).toEqual(['emmanuel-macron']);
      expect(ids(e.target)).toEqual(['algeria']);
    }
  });

  it('an appositive between subject and verb leaves the subject the agent', () => {
    const e = one('Sergei Lavrov, the foreign minister of Russia, met Chinese officials in Beijing.', 'MeetingHeld');
    expect(ids(e.agent)).toEqual(['sergei-lavrov']);
    expect(e.target.map((x) => x.country)).toEqual(['CHN']);
  });

  it('coordinated subjects sign together, and the city they sign in is no party', () => {
    const e = one('Ethiopia and Eritrea signed a peace agreement in Riyadh.', 'AgreementReached');
    expect(ids([...e.agent, ...e.target])).toEqual(['eritrea', 'ethiopia']);
  });

  it('weighing or stopping short of a measure names who weighs it', () => {
    expect(ids(one('The EU is weighing new sanctions on Iran.', 'SanctionsImposed').agent)).toEqual(['european-union']);
    const e = one('The United States stopped short of imposing sanctions on Israel.', 'SanctionsImposed');
    expect(ids(e.agent)).toEqual(['united-states']);
    expect(ids(e.target)).toEqual(['israel']);
  });

  it('"told X to V" is a demand on X; "told Reuters that" is not', () => {
    const e = one('China told the Philippines to stop provocations in the South China Sea.', 'DemandIssued');
    expect(ids(e.agent)).toEqual(['china']);
    expect(ids(e.target)).toEqual(['philippines']);
    expect(all("Iran's foreign minister told Reuters that Tehran was open to dialogue.", 'DemandIssued')).toEqual([]);
  });

  it('"rejected a US call": the call is the US\'s, the rejection the rejector\'s', () => {
    const text = "Sudan's army rejected a US call for a truce.";
    const demand = one(text, 'DemandIssued');
    expect(ids(demand.agent)).toEqual(['united-states']);
    expect(one(text, 'RejectionIssued').agent.map((x) => x.country)).toEqual(['SDN']);
  });

  it('reported speech: "X said Y had attacked" makes Y the attacker', () => {
    const e = one('Pakistani officials said India had attacked a border post.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['india']);
  });

  it('nominal events carry their own parties', () => {
    const talks = one('The talks between Serbia and Kosovo ended without agreement.', 'TalksStarted');
    expect(ids([...talks.agent, ...talks.target])).toEqual(['kosovo', 'serbia']);
    const sanctions = one("Washington's sanctions on Caracas hurt the oil industry.", 'SanctionsImposed');
    expect(ids(sanctions.agent)).toEqual(['united-states']);
    expect(ids(sanctions.target)).toEqual(['venezuela']);
  });

  it('an attack in a relative clause is asserted, with the antecedent as attacker', () => {
    const e = one('Police arrested militants who attacked the army base in Mali.', 'AttackCarriedOut');
    expect(e.modality).toBe('asserted');
    expect(e.agent.map((x) => x.country)).toEqual(['MLI']);
  });

  it('"he" refers back to a titled official whose name is not given', () => {
    const e = one(
      'The Kenyan president arrived in Ethiopia on Monday. He met Ethiopian officials in Addis Ababa.',
      'MeetingHeld',
    );
    expect(e.agent.map((x) => x.country)).toEqual(['KEN']);
  });

  it('an opening phrase\'s event is the main clause subject\'s ("During his visit to X, Y ...")', () => {
    const visit = one('During his visit to Kenya on Monday, the German chancellor met Kenyan officials.', 'VisitMade');
    expect(visit.agent.map((x) => x.country)).toEqual(['DEU']);
    expect(ids(visit.target)).toEqual(['kenya']);
    const meeting = one("After meeting Iran's foreign minister, the Iraqi premier flew to Riyadh.", 'MeetingHeld');
    expect(meeting.agent.map((x) => x.country)).toEqual(['IRQ']);
    expect(meeting.target.map((x) => x.country)).toEqual(['IRN']);
  });

  it('"the minister" refers back to the last person named', () => {
    const e = one(
      'Sergei Lavrov arrived in Beijing on Monday. The minister met Chinese officials on Tuesday.',
      'MeetingHeld',
    );
    expect(ids(e.agent)).toEqual(['sergei-lavrov']);
  });

  it('"the minister of X" is not an anaphor', () => {
    const e = one(
      'Sergei Lavrov arrived in Beijing on Monday. The minister of defence of Chile met Chinese officials.',
      'MeetingHeld',
    );
    expect(ids(e.agent)).not.toContain('sergei-lavrov');
  });

  it('"X and Y traded fire": each side is attacker and attacked', () => {
    const e = one('India and Pakistan exchanged fire along the border.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['india', 'pakistan']);
    expect(ids(e.target)).toEqual(['india', 'pakistan']);
  });

  it('"arrived in convoys": the convoys are the subject\'s show of force', () => {
    const e = one('Russian troops arrived in convoys near the border with Ukraine.', 'ForceMobilized');
    expect(e.agent.map((x) => x.country)).toEqual(['RUS']);
  });

  it('convoys that are attacked are a target, not a show of force', () => {
    const text = 'Gunmen in Mali attacked convoys of the French army on Monday.';
    expect(all(text, 'ForceMobilized')).toEqual([]);
    expect(all(text, 'AttackCarriedOut')).toHaveLength(1);
  });
});

describe('military drills and exercises are shows of force', () => {
  it.each([
    ['South Korea and the United States held joint military drills near the border.', ['south-korea', 'united-states']],
    ['China launched large-scale military exercises around Taiwan on Thursday.', ['china']],
  ])('%s', (text, agents) => {
    expect(ids(one(text, 'ForceMobilized').agent)).toEqual([...agents].sort());
  });

  it('"the exercise of power" and oil drills are not', () => {
    expect(all("The exercise of power by Iraq's president was criticised by lawmakers.", 'ForceMobilized')).toEqual([]);
    expect(all('Oil drills in Venezuela were idle, the company in Caracas said.', 'ForceMobilized')).toEqual([]);
  });
});

describe('headlines', () => {
  // a headline is an article's first line: each text here is a headline over one body sentence
  const body = '\nOfficials confirmed the plans on Monday.';
  it('"X to V" is a plan', () => {
    expect(one('US to withdraw troops from Niger' + body, 'TroopsWithdrawn').modality).toBe('future');
    expect(one('Japan, South Korea leaders to meet in Tokyo' + body, 'MeetingHeld').modality).toBe('future');
  });

  it('a headline\'s comma is its "and"', () => {
    const e = one('Iran, Saudi Arabia agree to restore ties' + body, 'AgreementReached');
    expect(ids([...e.agent, ...e.target])).toEqual(['iran', 'saudi-arabia']);
  });

  it('"X slams Y" is criticism of Y', () => {
    const e = one('Erdogan slams Sweden over Koran burning' + body, 'AccusationMade');
    expect(e.agent.map((x) => x.country)).toEqual(['TUR']);
    expect(ids(e.target)).toEqual(['sweden']);
  });

  it('no country named but the US: a visit is to no fixed default country', () => {
    const e = one('Biden postpones Africa visit' + body, 'VisitMade');
    expect(e.modality).toBe('future');
    expect(e.target.map((x) => x.country)).not.toContain('IRQ');
  });
});

describe('"came under fire"', () => {
  it('from an armed group: an attack on the subject', () => {
    const e = one('Israeli positions came under fire from Hezbollah on Monday.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['hezbollah']);
    expect(e.target.map((x) => x.country)).toEqual(['ISR']);
    expect(
      one('The Iraqi army came under attack from Islamic State fighters near Mosul.', 'AttackCarriedOut').target.map(
        (x) => x.country,
      ),
    ).toEqual(['IRQ']);
  });

  it('from lawmakers: criticism, no attack', () => {
    const text = 'The Turkish president came under fire from opposition lawmakers over the deal.';
    expect(all(text, 'AttackCarriedOut')).toEqual([]);
    expect(one(text, 'AccusationMade').target.map((x) => x.country)).toEqual(['TUR']);
  });
});

describe('hosting', () => {
  it('"X hosted Y" is Y\'s visit to X, active or passive', () => {
    for (const text of [
      'Chinese President Xi Jinping hosted Brazilian President Luiz Inacio Lula da Silva in Beijing on Friday.',
      'Brazilian President Lula was hosted by Chinese President Xi Jinping in Beijing on Friday.',
    ]) {
      const e = one(text, 'VisitMade');
      expect(e.agent.map((x) => x.country)).toEqual(['BRA']);
      expect(e.target.map((x) => x.country)).toEqual(['CHN']);
      expect(e.evidence[0]!.text).toContain('Xi Jinping');
    }
  });

  it('hosting a delegation is its visit; a state hosting a state is a match', () => {
    const e = one('Iraq hosted an Iranian delegation in Baghdad on Monday.', 'VisitMade');
    expect(e.agent.map((x) => x.country)).toEqual(['IRN']);
    expect(ids(e.target)).toEqual(['iraq']);
    expect(all('Saudi Arabia hosted Argentina in a friendly match on Tuesday.', 'VisitMade')).toEqual([]);
  });

  it('hosting talks or a tournament is no visit', () => {
    expect(all('Iraq hosted talks between Iran and Saudi Arabia on Friday.', 'VisitMade')).toEqual([]);
    expect(all('Qatar will host the World Cup in 2022, officials in Doha said.', 'VisitMade')).toEqual([]);
  });
});

describe('subjects and targets of attacks', () => {
  it('"were killed when militants ambushed ...": the when-clause\'s subject is no target', () => {
    const found = all(
      'Two soldiers were killed when militants ambushed their convoy in northern Burkina Faso on Monday.',
      'AttackCarriedOut',
    );
    for (const e of found) expect(e.target.map((x) => x.sector)).not.toContain('REB');
  });

  it('"X, however, has been conducting strikes": auxiliaries make it no participle clause', () => {
    const e = one('France, however, has been conducting airstrikes in Syria.', 'AttackCarriedOut');
    expect(ids(e.agent)).toEqual(['france']);
  });

  it("a place attacked with no one named in it is its country's", () => {
    const e = one('Russia attacked a village in eastern Ukraine.', 'AttackCarriedOut');
    expect(ids(e.target)).toEqual(['ukraine']);
  });

  it('an army attacking a village of its own country attacks its civilians', () => {
    const e = one('Malian troops launched an airstrike on a village in Mali.', 'AttackCarriedOut');
    expect(e.agent.map((x) => x.country)).toEqual(['MLI']);
    expect(e.target.map((x) => [x.country, x.sector])).toEqual([['MLI', 'CVL']]);
  });

  it('"repeated the appeal": repeating a speech act names its maker', () => {
    const e = one('Olaf Scholz, the chancellor, repeated the appeal.', 'DemandIssued');
    expect(ids(e.agent)).toEqual(['olaf-scholz']);
  });
});

describe('waivers', () => {
  it('"extended a sanctions waiver" eases sanctions: no sanctions event, the one allowed benefits', () => {
    const text = 'The United States extended a sanctions waiver allowing Iraq to keep buying electricity from Iran.';
    expect(all(text, 'SanctionsImposed')).toEqual([]);
    const e = one(text, 'WaiverGranted');
    expect(ids(e.agent)).toEqual(['united-states']);
    expect(ids(e.target)).toEqual(['iraq']);
  });

  it('"a waiver that allows X to" names the beneficiary through the relative clause', () => {
    const e = one('Britain renewed a waiver that allows Turkey to import Syrian cotton.', 'WaiverGranted');
    expect(ids(e.target)).toEqual(['turkey']);
  });

  it('sanctions relief with no one named benefits whoever the sanctions before it are on', () => {
    const text =
      'The United States imposed sanctions on Cuba in 2019. In March, Washington granted partial sanctions relief.';
    const e = one(text, 'WaiverGranted');
    expect(ids(e.agent)).toEqual(['united-states']);
    expect(ids(e.target)).toEqual(['cuba']);
  });
});

describe('easing sanctions and deciding on them', () => {
  it.each([
    ['The European Union lifted sanctions on Belarus.', 'european-union', 'belarus'],
    ['The United States eased oil sanctions on Venezuela in October.', 'united-states', 'venezuela'],
    ['Washington relaxed some sanctions against Cuba.', 'united-states', 'cuba'],
  ])('%s -> a waiver, no sanctions', (text, agent, target) => {
    expect(all(text, 'SanctionsImposed')).toEqual([]);
    const e = one(text, 'WaiverGranted');
    expect(ids(e.agent)).toEqual([agent]);
    expect(ids(e.target)).toEqual([target]);
  });

  it('"did not lift sanctions" is a negated waiver', () => {
    expect(one('The United States did not lift sanctions on Iran.', 'WaiverGranted').modality).toBe('negated');
  });

  it('the country before eased sanctions is the one they were on', () => {
    const e = one('A licence that had eased Cuba trade sanctions expired on Friday.', 'WaiverGranted');
    expect(ids(e.target)).toEqual(['cuba']);
    expect(ids(e.agent)).toEqual([]);
  });

  it('suspending cooperation is itself a sanction, not an easing', () => {
    expect(all('The European Union suspended security cooperation with Niger.', 'WaiverGranted')).toEqual([]);
  });

  it('one party agreeing on a measure is the measure, not an agreement', () => {
    const text = 'The EU agreed on new sanctions against Iran.';
    expect(all(text, 'AgreementReached')).toEqual([]);
    expect(ids(one(text, 'SanctionsImposed').target)).toEqual(['iran']);
    expect(all('Iran and Iraq agreed on a border deal.', 'AgreementReached')).toHaveLength(1);
  });

  it('a participle before a noun is an adjective: "designated ports" designate no one', () => {
    expect(all('Grain ships left three designated ports in Ukraine on Monday.', 'SanctionsImposed')).toEqual([]);
  });
});

describe('the agent must be an actor: non-political senses of event verbs', () => {
  const context = "Iran's foreign minister met his Iraqi counterpart in Baghdad on Monday. ";
  it.each([
    'Oil prices rallied after the meeting.',
    'Shares attacked resistance levels after the meeting.',
    'The earthquake killed 20 people in Iran.',
    'The earthquake killed 20 Iranians on Monday.',
    'Floods killed dozens of Pakistani villagers.',
    'The virus killed three Chinese doctors.',
    'The storm hit Cuba on Monday and killed four Cubans.',
    'The rupee struck a record low against the dollar.',
  ])('%s -> only the meeting', (sentence) => {
    const found = coder.extract({ text: context + sentence, publishedAt: '2023-05-10', language: 'en' });
    expect(found.map((e) => e.type)).toEqual(['MeetingHeld']);
  });

  it('an armed group that kills is still an attacker', () => {
    const e = one(context + 'Gunmen from Islamic State killed 20 Iranians on Monday.', 'AttackCarriedOut');
    expect(e.target.map((x) => x.country)).toEqual(['IRN']);
  });
});
