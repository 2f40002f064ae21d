// Modality that survives merging: sentences written for these tests.
import type { CodedEvent, EventType } from '#domain';
import { createCoder, type Coder } from '../coder.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function all(text: string, type: EventType, publishedAt = '2023-05-10'): CodedEvent[] {
  return coder.extract({ text, publishedAt }).filter((e) => e.type === type);
}

describe('what governs an event can undo it', () => {
  it.each([
    ['Israeli Prime Minister Benjamin Netanyahu cancelled a planned visit to Washington.', 'VisitMade', 'negated'],
    ['Iran refused to meet US officials in Vienna.', 'MeetingHeld', 'negated'],
    ['Iraq denied that Kuwait had agreed to the border deal.', 'AgreementReached', 'negated'],
    ['Iraq called off talks with Turkey.', 'TalksStarted', 'negated'],
    ['The talks between Iran and Iraq were called off on Sunday.', 'TalksStarted', 'negated'],
    ['Turkey threatened to attack Kurdish forces in Syria.', 'AttackCarriedOut', 'hypothetical'],
    ['Iran denied the report and said Israel attacked its embassy.', 'AttackCarriedOut', 'asserted'],
    ['Iraq declined to sign the agreement with Kuwait.', 'AgreementReached', 'negated'],
    ['The US announced that its troops would withdraw from Syria.', 'TroopsWithdrawn', 'future'],
  ] as const)('%s -> %s %s', (text, type, modality) => {
    const found = all(text, type);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.modality).toBe(modality);
  });

  it('a governor reaches its object, not a prepositional phrase ("dropped from the letter")', () => {
    const text =
      'Iraq sent a letter to Iran on Monday. The closing line was dropped from the final version of the letter.';
    expect(all(text, 'LetterSent', '2023-05-10')[0]!.modality).toBe('asserted');
  });
});

describe('merging never turns a hypothetical or negated event into an asserted one', () => {
  it('in a wire story a cancelled visit is not coded as made: one negated visit', () => {
    const text = [
      "Netanyahu cancels delegation's visit to Washington",
      'Israeli Prime Minister Benjamin Netanyahu on Monday called off a planned visit by an Israeli delegation to Washington.',
      'The delegation had been due to travel to the United States next week, officials said.',
    ].join('\n');
    const visits = all(text, 'VisitMade');
    expect(visits).toHaveLength(1);
    expect(visits[0]!.modality).toBe('negated');
    expect(visits[0]!.evidence.length).toBeGreaterThanOrEqual(2);
  });

  it('a planned visit and its cancellation are one negated event', () => {
    const text = [
      'Kadhimi cancels visit to Tehran',
      'Iraqi Prime Minister Mustafa al-Kadhimi was to visit Tehran on Monday.',
      'The visit has been cancelled, officials said.',
    ].join('\n');
    const visits = all(text, 'VisitMade');
    expect(visits).toHaveLength(1);
    expect(visits[0]!.modality).toBe('negated');
  });

  it('a threatened attack and a real one stay two events, each with its own modality', () => {
    const text =
      'Iran threatened to attack the US embassy in Baghdad. Iran attacked the US embassy in Baghdad on Monday.';
    const attacks = all(text, 'AttackCarriedOut');
    expect(attacks.map((e) => e.modality).sort()).toEqual(['asserted', 'hypothetical']);
  });

  it('an asserted and a negated mention of one event: the negation wins', () => {
    const text = [
      'Iraq signs deal with Kuwait',
      'Iraqi officials later denied that Iraq had signed the agreement with Kuwait.',
    ].join('\n');
    const deals = all(text, 'AgreementReached');
    expect(deals).toHaveLength(1);
    expect(deals[0]!.modality).toBe('negated');
  });
});
