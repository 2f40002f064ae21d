import type { ArticleReceived, ArticleStreamEvent, CodedEventRecorded } from './article-events.js';
import { type ArticleCommand, decideArticle, foldArticle } from './article.decider.js';

// Emmett-style: given these events, when this command, then these events (or this error).
const received: ArticleReceived = {
  articleId: 'a1',
  url: 'https://example.org/a1',
  title: 'Title',
  outlet: 'Example',
  publishedAt: '2021-04-07',
  text: 'Iraq and the US started talks.',
  contentHash: 'h',
  bodyFormat: 'text',
  via: { kind: 'webhook', webhookId: 'msg_1' },
};
const coded = (eventId: string, type: CodedEventRecorded['type'] = 'TalksStarted'): CodedEventRecorded => ({
  eventId,
  articleId: 'a1',
  coderVersion: '1',
  type,
  agent: [{ name: 'Iraq', id: 'iraq', country: 'IRQ', sector: 'GOV' }],
  target: [{ name: 'United States', id: 'united-states', country: 'USA', sector: 'GOV' }],
  date: { start: '2021-04-07', end: '2021-04-07', precision: 'day' },
  modality: 'asserted',
  evidence: [{ start: 0, end: 4, text: 'Iraq' }],
  confidence: 0.9,
  cameo: '046',
  goldstein: 7,
  plover: 'CONSULT',
});
const given = (...events: ArticleStreamEvent[]) => ({
  when: (command: ArticleCommand) => () => decideArticle(command, foldArticle(events)),
});
const receivedEvent: ArticleStreamEvent = { type: 'ArticleReceived', data: received };
const codedV1: ArticleStreamEvent[] = [
  { type: 'ArticleCoded', data: { articleId: 'a1', coderVersion: '1', eventIds: ['e1', 'e2'] } },
  { type: 'TalksStarted', data: coded('e1') },
  { type: 'LetterSent', data: coded('e2', 'LetterSent') },
];

describe('article decider', () => {
  it('receives a new article once; the same article again decides nothing', () => {
    expect(given().when({ type: 'ReceiveArticle', article: received })()).toEqual([receivedEvent]);
    expect(given(receivedEvent).when({ type: 'ReceiveArticle', article: received })()).toEqual([]);
  });

  it('records coding as ArticleCoded followed by the coded events', () => {
    const events = given(receivedEvent).when({ type: 'RecordCoding', coderVersion: '1', events: [coded('e1')] })();
    expect(events.map((e) => e.type)).toEqual(['ArticleCoded', 'TalksStarted']);
    expect(events[0]!.data).toEqual({ articleId: 'a1', coderVersion: '1', eventIds: ['e1'] });
  });

  it('adds nothing when the same coder version codes the article again', () => {
    expect(
      given(receivedEvent, ...codedV1).when({ type: 'RecordCoding', coderVersion: '1', events: [coded('e1')] })(),
    ).toEqual([]);
  });

  it('re-codes on request: keeps unchanged events, adds new ones, retracts the dropped ones, and says so', () => {
    const events = given(receivedEvent, ...codedV1, {
      type: 'ArticleRecodeRequested',
      data: { articleId: 'a1', requestedBy: 'ana@example.org' },
    }).when({
      type: 'RecordCoding',
      coderVersion: '2',
      events: [coded('e1'), coded('e3', 'VisitMade')],
    })();
    expect(events.map((e) => e.type)).toEqual(['ArticleCoded', 'VisitMade', 'EventRetracted']);
    expect(events[0]!.data).toMatchObject({
      recode: {
        previousCoderVersion: '1',
        added: ['e3'],
        retracted: ['e2'],
        unchanged: ['e1'],
        requestedBy: 'ana@example.org',
      },
    });
    expect(events[2]!.data).toMatchObject({ eventId: 'e2', by: 'ana@example.org' });
  });

  it('retracts an event once, and refuses unknown ones', () => {
    const retract: ArticleCommand = { type: 'RetractEvent', eventId: 'e1', reason: 'wrong', by: 'ana' };
    const once = given(receivedEvent, ...codedV1).when(retract)();
    expect(once).toEqual([
      { type: 'EventRetracted', data: { eventId: 'e1', articleId: 'a1', reason: 'wrong', by: 'ana' } },
    ]);
    expect(given(receivedEvent, ...codedV1, ...once).when(retract)()).toEqual([]);
    expect(given(receivedEvent, ...codedV1).when({ ...retract, eventId: 'nope' })).toThrow(
      expect.objectContaining({ code: 'event-not-found' }),
    );
  });

  it('corrects fields of an active event and refuses a retracted one or an unknown type', () => {
    const correct: ArticleCommand = {
      type: 'CorrectEvent',
      eventId: 'e1',
      changes: { modality: 'future' },
      reason: 'scheduled',
      by: 'ana',
    };
    expect(given(receivedEvent, ...codedV1).when(correct)()[0]).toMatchObject({
      type: 'EventCorrected',
      data: { changes: { modality: 'future' } },
    });
    const retracted: ArticleStreamEvent = {
      type: 'EventRetracted',
      data: { eventId: 'e1', articleId: 'a1', reason: 'x', by: 'ana' },
    };
    expect(given(receivedEvent, ...codedV1, retracted).when(correct)).toThrow(
      expect.objectContaining({ code: 'event-retracted' }),
    );
    expect(given(receivedEvent, ...codedV1).when({ ...correct, changes: { type: 'Nonsense' as never } })).toThrow(
      expect.objectContaining({ code: 'invalid-correction' }),
    );
  });

  it('folds corrections into the event, with the codes following a changed type', () => {
    const state = foldArticle([
      receivedEvent,
      ...codedV1,
      {
        type: 'EventCorrected',
        data: {
          eventId: 'e1',
          articleId: 'a1',
          changes: { type: 'MeetingHeld' },
          reason: 'not a round of talks',
          by: 'ana',
        },
      },
    ]);
    expect(state.activeEvents.get('e1')).toMatchObject({
      type: 'MeetingHeld',
      cameo: '040',
      goldstein: 1,
      plover: 'CONSULT',
    });
  });

  it('refuses commands about an article that was never received', () => {
    expect(given().when({ type: 'RetractEvent', eventId: 'e1', reason: 'x', by: 'y' })).toThrow(
      expect.objectContaining({ code: 'article-not-found' }),
    );
  });

  it('does not mark a coded article failed when a late failure arrives', () => {
    expect(
      given(receivedEvent, ...codedV1).when({ type: 'RecordCodingFailure', reason: 'timeout', attempts: 3 })(),
    ).toEqual([]);
  });

  it('records the language the coder read the article as', () => {
    const events = given(receivedEvent).when({
      type: 'RecordCoding',
      coderVersion: '1',
      events: [coded('e1')],
      language: 'en',
    })();
    expect(events[0]!.data).toEqual({ articleId: 'a1', coderVersion: '1', eventIds: ['e1'], language: 'en' });
    expect(foldArticle([receivedEvent, ...events]).status).toBe('coded');
  });
});

describe('article decider: a language the coder does not read', () => {
  const unsupported: ArticleCommand = { type: 'RecordUnsupportedLanguage', coderVersion: '1', language: 'fr' };
  const unsupportedEvent: ArticleStreamEvent = {
    type: 'ArticleCoded',
    data: { articleId: 'a1', coderVersion: '1', eventIds: [], language: 'fr', unsupportedLanguage: true },
  };
  const recode: ArticleStreamEvent = {
    type: 'ArticleRecodeRequested',
    data: { articleId: 'a1', requestedBy: 'ana@example.org' },
  };
  const late: ArticleStreamEvent = { type: 'ArticleCodingFailed', data: { articleId: 'a1', reason: 'x', attempts: 1 } };

  it('is recorded as a coding with no event, flagged, and the status says so', () => {
    expect(given(receivedEvent).when(unsupported)()).toEqual([unsupportedEvent]);
    expect(foldArticle([receivedEvent, unsupportedEvent]).status).toBe('unsupported-language');
  });

  it('is not recorded twice at the same coder version, and a late failure does not override it', () => {
    const after = given(receivedEvent, unsupportedEvent);
    expect(after.when(unsupported)()).toEqual([]);
    expect(after.when({ type: 'RecordCoding', coderVersion: '1', events: [coded('e1')] })()).toEqual([]);
    expect(after.when({ type: 'RecordCodingFailure', reason: 'timeout', attempts: 5 })()).toEqual([]);
    expect(foldArticle([receivedEvent, unsupportedEvent, late]).status).toBe('unsupported-language');
  });

  it('is coded for real when a re-code finds a language the coder reads', () => {
    const recoding: ArticleCommand = { type: 'RecordCoding', coderVersion: '2', events: [coded('e1')], language: 'en' };
    const events = given(receivedEvent, unsupportedEvent, recode).when(recoding)();
    expect(events.map((e) => e.type)).toEqual(['ArticleCoded', 'TalksStarted']);
    expect(events[0]!.data).toMatchObject({
      language: 'en',
      recode: { previousCoderVersion: '1', added: ['e1'], retracted: [], requestedBy: 'ana@example.org' },
    });
    expect(foldArticle([receivedEvent, unsupportedEvent, recode, ...events]).status).toBe('coded');
  });

  it('retracts the events of an earlier coding when a re-code finds the language unsupported', () => {
    const events = given(receivedEvent, ...codedV1, recode).when({ ...unsupported, coderVersion: '2' })();
    expect(events.map((e) => e.type)).toEqual(['ArticleCoded', 'EventRetracted', 'EventRetracted']);
    expect(events[0]!.data).toMatchObject({
      eventIds: [],
      unsupportedLanguage: true,
      recode: { retracted: ['e1', 'e2'] },
    });
    const state = foldArticle([receivedEvent, ...codedV1, recode, ...events]);
    expect(state.status).toBe('unsupported-language');
    expect(state.activeEvents.size).toBe(0);
  });
});
