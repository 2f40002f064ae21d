import type { CodedEvent, EventType } from '#domain';
import { createCoder, type Coder } from '../coder.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function first(text: string, type: EventType): CodedEvent {
  const e = coder.extract({ text, publishedAt: '2021-05-12' }).find((x) => x.type === type);
  if (!e) throw new Error(`no ${type} in: ${text}`);
  return e;
}

describe('modality', () => {
  it.each([
    ['Iran attacked the US embassy in Baghdad on Monday.', 'AttackCarriedOut', 'asserted'],
    ['Iraq will hold early elections in October.', 'ElectionHeld', 'future'],
    ['Iraqi Prime Minister Mustafa al-Kadhimi is to visit Tehran next week.', 'VisitMade', 'future'],
    ['The United States agreed to withdraw its troops from Iraq.', 'TroopsWithdrawn', 'future'],
    ['Iran could attack the US embassy in Baghdad.', 'AttackCarriedOut', 'hypothetical'],
    [
      'Kataib Hezbollah threatened to escalate its attacks if American forces stay in Iraq.',
      'AttackCarriedOut',
      'hypothetical',
    ],
    ['The United States warned Iraq after militias attacked the base in Erbil.', 'AttackCarriedOut', 'asserted'],
    ['Iraq did not sign the agreement with Kuwait.', 'AgreementReached', 'negated'],
    ['The US neither seeks nor requests permanent bases in Iraq.', 'DemandIssued', 'negated'],
    [
      'The letter implies a withdrawal of US troops from Iraq, that is not what is happening.',
      'TroopsWithdrawn',
      'negated',
    ],
  ] as const)('%s -> %s %s', (text, type, modality) => {
    expect(first(text, type).modality).toBe(modality);
  });

  it('keeps an idiom\'s own negation: "his blood will not go for free" is a threat, asserted', () => {
    expect(
      first('Iran warned that the United States must know his blood will not go for free.', 'ThreatIssued').modality,
    ).not.toBe('negated');
  });

  it('records who the article says reported it', () => {
    expect(first('Iraq sent a letter to Iran, two Iraqi officials said.', 'LetterSent').attribution).toBe(
      'two Iraqi officials',
    );
    expect(first('Iraq sent a letter to Iran, according to a senior Iraqi politician.', 'LetterSent').attribution).toBe(
      'a senior Iraqi politician',
    );
  });
});
