// Modality from general constructions (issue 10): what is demanded, threatened,
// planned, postponed, denied or left unclaimed. Sentences written for these tests.
import type { CodedEvent, EventType, Modality } from '#domain';
import { createCoder, type Coder } from '../coder.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function all(text: string, type: EventType): CodedEvent[] {
  return coder.extract({ text, publishedAt: '2023-05-10', language: 'en' }).filter((e) => e.type === type);
}

describe('what is demanded has not happened; the demand has', () => {
  it.each([
    ['The UN called on Israel to allow aid into Gaza.', 'AidProvided'],
    ['Germany demanded that Russia withdraw its troops from Moldova.', 'TroopsWithdrawn'],
    ['The European Union urged Sudan to resume talks with the rebels.', 'TalksStarted'],
    ['Iraq called for the withdrawal of American troops.', 'TroopsWithdrawn'],
    ['France asked Mali to hold elections in February.', 'ElectionHeld'],
    ['Iraq demanded talks with Turkey.', 'TalksStarted'],
    ['Egypt urged Israel and Hamas to sign a ceasefire agreement.', 'AgreementReached'],
    ['Mali told France to withdraw its troops.', 'TroopsWithdrawn'],
  ] as const)('%s -> %s hypothetical', (text, type) => {
    const found = all(text, type);
    expect(found).toHaveLength(1);
    expect(found[0]!.modality).toBe('hypothetical');
    const demands = all(text, 'DemandIssued');
    expect(demands).toHaveLength(1);
    expect(demands[0]!.modality).toBe('asserted');
  });
});

describe('governors and cues', () => {
  it.each([
    ['Japan postponed a visit by its prime minister to China.', 'VisitMade', 'future'],
    ['The visit to Moscow by the Indian foreign minister was postponed.', 'VisitMade', 'future'],
    ['Chad postponed elections until next year.', 'ElectionHeld', 'future'],
    ['Egypt called off a planned visit to Israel.', 'VisitMade', 'negated'],
    ['North Korea threatened to attack South Korea.', 'AttackCarriedOut', 'hypothetical'],
    ['India plans to impose sanctions on Pakistan.', 'SanctionsImposed', 'future'],
    ['If Turkey attacks Syria, Russia will respond.', 'AttackCarriedOut', 'hypothetical'],
    ['Turkey did not attack the Kurdish town.', 'AttackCarriedOut', 'negated'],
    ['Serbia failed to sign the agreement with Kosovo.', 'AgreementReached', 'negated'],
    ['Israel allegedly attacked an Iranian ship.', 'AttackCarriedOut', 'asserted'],
    ['Russian forces reportedly attacked a hospital in Kharkiv.', 'AttackCarriedOut', 'asserted'],
  ] as const)('%s -> %s %s', (text, type, modality: Modality) => {
    const found = all(text, type);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.modality).toBe(modality);
  });

  it.each([
    ['Turkey refused to join the sanctions against Russia.', 'SanctionsImposed', 'negated'],
    ['Nigeria said on Monday that it would send troops to Niger.', 'ForceMobilized', 'future'],
    [
      'Ahead of his visit to China on Friday, the French president met German officials in Paris.',
      'VisitMade',
      'future',
    ],
    ['The EU is weighing new sanctions on Iran.', 'SanctionsImposed', 'hypothetical'],
    ['Germany and Sweden have announced troop withdrawals from Mali.', 'TroopsWithdrawn', 'future'],
    ['The Kremlin announced a visit by Xi Jinping to Moscow.', 'VisitMade', 'future'],
    ['The US announced sanctions on Iranian officials.', 'SanctionsImposed', 'asserted'],
    ['Putin said Russia was ready for talks with Ukraine.', 'TalksStarted', 'hypothetical'],
    ['The United States stopped short of imposing sanctions on Israel.', 'SanctionsImposed', 'negated'],
  ] as const)('%s -> %s %s', (text, type, modality: Modality) => {
    const found = all(text, type);
    expect(found).toHaveLength(1);
    expect(found[0]!.modality).toBe(modality);
  });

  it('an infinitive carrying an event is transparent only for carrier verbs: "failed to stop the attack"', () => {
    for (const text of [
      'Iraqi police failed to stop the attack by Islamic State on the Kirkuk refinery.',
      'Iraqi police did not prevent the attack by Islamic State on the Kirkuk refinery.',
    ]) {
      const found = all(text, 'AttackCarriedOut');
      expect(found.map((e) => e.modality)).toEqual(['asserted']);
    }
    expect(
      all('Iraqi police prevented an attack by Islamic State on the Kirkuk refinery.', 'AttackCarriedOut').map(
        (e) => e.modality,
      ),
    ).toEqual(['negated']);
  });

  it('"dropped bombs" delivers an attack, it does not undo it', () => {
    const found = all('A Russian jet dropped two bombs on a school in eastern Ukraine.', 'AttackCarriedOut');
    expect(found).toHaveLength(1);
    expect(found[0]!.modality).toBe('asserted');
  });

  it('"denied attacking": the denial is asserted, the attack negated', () => {
    const text = 'Iran denied attacking the tanker in the Gulf.';
    expect(all(text, 'RejectionIssued').map((e) => e.modality)).toEqual(['asserted']);
    expect(all(text, 'AttackCarriedOut').map((e) => e.modality)).toEqual(['negated']);
  });

  it('nobody claiming an attack does not undo it', () => {
    const text = 'Rebels attacked a police station in northern Mali on Sunday. No group claimed the attack.';
    const attacks = all(text, 'AttackCarriedOut');
    expect(attacks).toHaveLength(1);
    expect(attacks[0]!.modality).toBe('asserted');
  });

  it('an attack in a relative clause under a demand stays asserted', () => {
    const text = 'Kenya urged Somalia to rein in Somali gunmen who have attacked convoys of the African Union.';
    const attacks = all(text, 'AttackCarriedOut');
    expect(attacks).toHaveLength(1);
    expect(attacks[0]!.modality).toBe('asserted');
  });
});
