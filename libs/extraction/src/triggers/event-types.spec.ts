// One sentence per event type, written for these tests (not from the dev set).
import type { CodedEvent, EventType } from '#domain';
import { createCoder, type Coder } from '../coder.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function code(text: string, publishedAt = '2021-05-12'): CodedEvent[] {
  return coder.extract({ text, publishedAt });
}

const cases: Array<[EventType, string, string[], string[]]> = [
  ['TalksStarted', 'Iran and Saudi Arabia resumed talks in Baghdad on Sunday.', ['IRN', 'SAU'], []],
  [
    'MeetingHeld',
    'Iraqi Prime Minister Mustafa al-Kadhimi met with Iranian Foreign Minister Mohammad Javad Zarif on Monday.',
    ['IRQ'],
    ['IRN'],
  ],
  ['VisitMade', 'French President Emmanuel Macron arrived in Baghdad on Saturday.', ['FRA'], ['IRQ']],
  ['LetterSent', 'Muqtada al-Sadr sent a letter to the United Nations on Tuesday.', ['IRQ'], ['IGO']],
  ['AgreementReached', 'Iraq signed an agreement with Jordan on electricity.', ['IRQ'], ['JOR']],
  ['DemandIssued', 'Kataib Hezbollah demanded that the United States leave Iraq.', ['IRQ'], ['USA']],
  ['ThreatIssued', 'Iran threatened Israel with a crushing response.', ['IRN'], ['ISR']],
  ['AccusationMade', 'Iraq accused Turkey of violating its sovereignty.', ['IRQ'], ['TUR']],
  ['RejectionIssued', 'Iraq rejected the Turkish demand.', ['IRQ'], []],
  ['WaiverGranted', 'Washington granted Iraq a new sanctions waiver on Friday.', ['USA'], ['IRQ']],
  ['SanctionsImposed', 'The United States imposed sanctions on Qais al-Khazali.', ['USA'], ['IRQ']],
  ['AidProvided', 'The European Union announced new humanitarian aid to Iraq.', ['IGO'], ['IRQ']],
  ['ProtestHeld', 'Thousands of protesters rallied in Baghdad against the government on Friday.', ['IRQ'], ['IRQ']],
  ['ForceMobilized', 'Iran deployed troops near the border with Iraq.', ['IRN'], []],
  ['AttackCarriedOut', 'A rocket attack on the US embassy in Baghdad was carried out on Tuesday.', [], ['USA']],
  ['TroopsWithdrawn', 'Turkey withdrew its troops from northern Iraq.', ['TUR'], ['IRQ']],
  ['ResolutionPassed', 'The Iraqi parliament passed a resolution against the Turkish incursion.', ['IRQ'], []],
  ['ElectionHeld', 'Iraq held early parliamentary elections on Sunday.', ['IRQ'], []],
];

describe.each(cases)('%s', (type, sentence, agentCountries, targetCountries) => {
  it(`is found in: ${sentence}`, () => {
    const events = code(sentence).filter((e) => e.type === type);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    const sides = [...e.agent, ...e.target].map((a) => a.country);
    for (const c of agentCountries) expect(sides).toContain(c);
    for (const c of targetCountries) expect(sides).toContain(c);
    expect(sentence.slice(e.evidence[0]!.start, e.evidence[0]!.end)).toBe(e.evidence[0]!.text);
  });
});

describe('what is not an event', () => {
  it('does not code a plain "said" or the threat posed by a group', () => {
    expect(code('The foreign minister said the situation was stable.')).toEqual([]);
    expect(
      code('Officials discussed the threat posed by the Islamic State group.').filter((e) => e.type === 'ThreatIssued'),
    ).toEqual([]);
  });

  it('does not code an executed arrest warrant as an execution', () => {
    expect(
      code('Security forces executed an arrest warrant against a PMF commander.').filter(
        (e) => e.type === 'AttackCarriedOut',
      ),
    ).toEqual([]);
  });
});
