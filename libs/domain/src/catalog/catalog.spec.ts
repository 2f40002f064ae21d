import { EVENT_TYPES, EVENT_TYPE_NAMES, isEventType, quadClass } from './index.js';

describe('event catalog', () => {
  it('has the 18 types of catalog v1', () => {
    expect(EVENT_TYPE_NAMES).toHaveLength(18);
    expect(EVENT_TYPES.TalksStarted).toMatchObject({ plover: 'CONSULT', cameo: '046', goldstein: 7, symmetric: true });
    expect(EVENT_TYPES.TroopsWithdrawn.cameo).toBe('0874');
    expect(EVENT_TYPES.ElectionHeld.plover).toBeNull();
  });

  it('validates type names', () => {
    expect(isEventType('LetterSent')).toBe(true);
    expect(isEventType('letterSent')).toBe(false);
    expect(isEventType('toString')).toBe(false);
    expect(isEventType(42)).toBe(false);
  });

  it('puts every type in a quad class', () => {
    for (const t of EVENT_TYPE_NAMES) expect(quadClass(t)).toBeTruthy();
    expect(quadClass('AttackCarriedOut')).toBe('material-conflict');
  });
});
