import { InvalidFeedError, parseFeedRegistration } from './feed-registration.js';

describe('parseFeedRegistration', () => {
  it('applies the default interval', () => {
    expect(parseFeedRegistration({ url: 'https://x.example/feed.xml', outlet: ' Example ' })).toEqual({
      url: 'https://x.example/feed.xml',
      outlet: 'Example',
      pollIntervalSeconds: 900,
    });
  });

  it('names every bad field', () => {
    let error: unknown;
    try {
      parseFeedRegistration({ url: 'ftp://x.example/feed', outlet: '', pollIntervalSeconds: 30 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidFeedError);
    expect((error as InvalidFeedError).problems.map((p) => p.field).sort()).toEqual([
      'outlet',
      'pollIntervalSeconds',
      'url',
    ]);
    expect((error as InvalidFeedError).message).toContain('pollIntervalSeconds: must be at least 60');
  });

  it('refuses a non-object body and a fractional or string interval', () => {
    expect(() => parseFeedRegistration([])).toThrow('(body): must be a JSON object');
    expect(() => parseFeedRegistration({ url: 'https://x.example/f', outlet: 'o', pollIntervalSeconds: 90.5 })).toThrow(
      'whole number',
    );
    expect(() =>
      parseFeedRegistration({ url: 'https://x.example/f', outlet: 'o', pollIntervalSeconds: '900' }),
    ).toThrow('pollIntervalSeconds');
  });
});
