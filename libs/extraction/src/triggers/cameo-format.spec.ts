// CAMEO verb-dictionary lines in, blocks and catalog types out. Lines written here in the format.
import { parseCameoDictionary, parsePattern, typeOfCameo } from './cameo-format.js';
import { parseDiscards } from './discards.js';

describe('typeOfCameo', () => {
  it('maps the catalog codes and leaves the rest without a type', () => {
    expect(typeOfCameo('046')).toBe('TalksStarted');
    expect(typeOfCameo('0874')).toBe('TroopsWithdrawn');
    expect(typeOfCameo('1621')).toBe('SanctionsImposed'); // cutting aid is a sanction, not aid
    expect(typeOfCameo('111')).toBe('AccusationMade');
    expect(typeOfCameo('129')).toBe('RejectionIssued');
    expect(typeOfCameo('142')).toBe('ProtestHeld');
    expect(typeOfCameo('195')).toBe('AttackCarriedOut');
    // outside the catalog: no event, not the nearest type
    expect(typeOfCameo('161')).toBeUndefined(); // reduce relations
    expect(typeOfCameo('0871')).toBeUndefined(); // declare a truce
    expect(typeOfCameo('173')).toBeUndefined(); // arrest
    expect(typeOfCameo('128')).toBeUndefined(); // defy norms
    expect(typeOfCameo('')).toBeUndefined();
  });
});

describe('parseCameoDictionary', () => {
  const text = [
    '&ARMS',
    '+ROCKET',
    '+CRUISE_MISSILE',
    '',
    '---  PULLBACK   [080]  ---',
    '+PULL_OUT {+PULLED_OUT +PULLING_OUT}',
    'WITHDRAW {WITHDRAWS WITHDRAWING WITHDREW }  # a comment',
    'SCRAM [---]',
    '- * (FROM &TREATY)                [161]     # WITHDRAW',
    '- &ARMS *                         [0874]    # WITHDRAW',
    '- * TROOPS (FROM +)               [0874]    # WITHDRAW',
    '~ a (a b WILL_ATTACK) SAY = a b 138',
  ].join('\n');
  const d = parseCameoDictionary(text);

  it('reads synsets, verbs with their forms and codes, and patterns around the verb', () => {
    expect(d.synsets.get('&ARMS')).toEqual(['rocket', 'cruise missile']);
    const b = d.blocks[0]!;
    expect(b.name).toBe('PULLBACK');
    expect(b.verbs).toEqual([
      { lemma: 'pull', forms: ['pulled', 'pulling'], pre: [], post: ['out'], code: '080' },
      { lemma: 'withdraw', forms: ['withdraws', 'withdrawing', 'withdrew'], pre: [], post: [], code: '080' },
      { lemma: 'scram', forms: [], pre: [], post: [], code: '' },
    ]);
    expect(b.patterns).toEqual([
      { code: '161', before: [], after: ['from', '&TREATY'] },
      { code: '0874', before: ['&ARMS'], after: [] },
      { code: '0874', before: [], after: ['troops', 'from'] },
    ]);
  });

  it('drops actor markers and auxiliaries from a pattern', () => {
    expect(parsePattern(' WILL NOT * (TOWARDS +) ', '030')).toEqual({ code: '030', before: [], after: ['towards'] });
    expect(parsePattern(' $ * {HUNGER STRIKE} ', '142')).toEqual({
      code: '142',
      before: [],
      after: ['hunger', 'strike'],
    });
  });
});

describe('parseDiscards', () => {
  it('separates sentence and story discards and skips temporal phrases', () => {
    const t = parseDiscards('BATSMAN  # x\n+GRAND SLAM_\nYEARS AGO\n1914\n');
    expect(t).toEqual({ sentence: ['batsman'], story: ['grand slam '] });
  });
});
