import { itemToPayload } from './feed-item-payload.js';
import { parseFeed } from './feed-parser.js';
import { RSS_SAMPLE } from './testing/sample-feeds.js';

const context = {
  feedUrl: 'https://news.example.org/feeds/world.xml',
  outlet: 'Example Wire',
  language: 'en-us',
  now: new Date('2026-11-28T00:00:00Z'),
};

describe('itemToPayload', () => {
  const items = parseFeed(RSS_SAMPLE).items;

  it('maps a full item to the webhook payload shape', () => {
    expect(itemToPayload(items[0]!, context)).toEqual({
      kind: 'payload',
      payload: {
        url: 'https://news.example.org/world/iraq-iran-militias?utm_source=rss',
        title: 'Iraqi PM asks Iran to rein in militias',
        publishedAt: '2026-11-25T13:05:00.000Z',
        body: expect.stringContaining('<p>BAGHDAD'),
        outlet: 'Example Wire',
        sourceId: 'wire-2026-0001',
        language: 'en-us',
      },
    });
  });

  it('resolves a relative link against the feed URL', () => {
    const outcome = itemToPayload(items[1]!, context);
    expect(outcome.kind === 'payload' && outcome.payload.url).toBe('https://news.example.org/world/geneva-envoys');
  });

  it('derives a missing title from the body and a missing date from now', () => {
    const outcome = itemToPayload(
      { link: 'https://x.example/a', body: '<p>The minister resigned on Friday. More follows later in the day.</p>' },
      context,
    );
    expect(outcome).toMatchObject({
      kind: 'payload',
      payload: { title: 'The minister resigned on Friday.', publishedAt: '2026-11-28T00:00:00.000Z' },
    });
  });

  it('uses the title as the body when there is no body, and strips markup from titles', () => {
    const outcome = itemToPayload({ link: 'https://x.example/b', title: 'Minister <em>visits</em> Kyiv' }, context);
    expect(outcome).toMatchObject({
      kind: 'payload',
      payload: { title: 'Minister visits Kyiv', body: 'Minister <em>visits</em> Kyiv' },
    });
  });

  it('skips an item without a link', () => {
    expect(itemToPayload(items[3]!, context)).toEqual({ kind: 'no-link' });
  });

  it('calls an item with neither title nor body, or a non-http link, invalid', () => {
    expect(itemToPayload({ link: 'https://x.example/c' }, context)).toMatchObject({ kind: 'invalid' });
    expect(itemToPayload({ link: 'mailto:desk@example.org', title: 'T', body: 'B' }, context)).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('url'),
    });
  });

  it('calls an overlong or non-http link and an oversized body invalid, naming the field (the webhook bounds)', () => {
    const item = { link: 'https://x.example/e', title: 'T', body: 'B' };
    for (const [overrides, field] of [
      [{ link: `https://x.example/${'a'.repeat(5_000)}` }, 'url'],
      [{ link: 'javascript:alert(1)' }, 'url'],
      [{ body: 'b'.repeat(1_048_577) }, 'body'],
    ] as const) {
      expect(itemToPayload({ ...item, ...overrides }, context)).toMatchObject({
        kind: 'invalid',
        problems: [{ field }],
      });
    }
    expect(itemToPayload({ ...item, publishedAt: '2026-11-29T10:00:00.000Z' }, context).kind).toBe('payload');
  });

  it('leaves out a language that is not a tag and a guid too long to be a source id', () => {
    const outcome = itemToPayload(
      { link: 'https://x.example/d', title: 'T', body: 'B', guid: 'g'.repeat(300) },
      { ...context, language: 'English' },
    );
    expect(outcome.kind).toBe('payload');
    if (outcome.kind === 'payload') {
      expect(outcome.payload.language).toBeUndefined();
      expect(outcome.payload.sourceId).toBeUndefined();
    }
  });

  it('calls an item with an implausible date, a credentialed link or a control character invalid, naming the field', () => {
    const item = { link: 'https://x.example/e', title: 'T', body: 'B' };
    for (const [overrides, field] of [
      [{ publishedAt: '0001-01-01T00:00:00.000Z' }, 'publishedAt'],
      [{ publishedAt: '2099-01-01T00:00:00.000Z' }, 'publishedAt'],
      [{ link: 'https://user:pass@x.example/e' }, 'url'],
      [{ title: 'T\u0000' }, 'title'],
    ] as const) {
      const outcome = itemToPayload({ ...item, ...overrides }, context);
      expect(outcome).toMatchObject({ kind: 'invalid', problems: [{ field, message: expect.any(String) }] });
    }
  });

  it('leaves out a guid with control characters instead of refusing the item', () => {
    const outcome = itemToPayload({ link: 'https://x.example/f', title: 'T', body: 'B', guid: 'g\u0001' }, context);
    expect(outcome.kind === 'payload' && outcome.payload.sourceId).toBeUndefined();
  });
});
