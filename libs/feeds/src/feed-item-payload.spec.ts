import { itemToPayload } from './feed-item-payload.js';
import { parseFeed } from './feed-parser.js';
import { RSS_SAMPLE } from './testing/sample-feeds.js';

const context = { feedUrl: 'https://news.example.org/feeds/world.xml', outlet: 'Example Wire', language: 'en-us', now: new Date('2026-11-28T00:00:00Z') };

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
    const outcome = itemToPayload({ link: 'https://x.example/a', body: '<p>The minister resigned on Friday. More follows later in the day.</p>' }, context);
    expect(outcome).toMatchObject({ kind: 'payload', payload: { title: 'The minister resigned on Friday.', publishedAt: '2026-11-28T00:00:00.000Z' } });
  });

  it('uses the title as the body when there is no body, and strips markup from titles', () => {
    const outcome = itemToPayload({ link: 'https://x.example/b', title: 'Minister <em>visits</em> Kyiv' }, context);
    expect(outcome).toMatchObject({ kind: 'payload', payload: { title: 'Minister visits Kyiv', body: 'Minister <em>visits</em> Kyiv' } });
  });

  it('skips an item without a link', () => {
    expect(itemToPayload(items[3]!, context)).toEqual({ kind: 'no-link' });
  });

  it('calls an item with neither title nor body, or a non-http link, invalid', () => {
    expect(itemToPayload({ link: 'https://x.example/c' }, context)).toMatchObject({ kind: 'invalid' });
    expect(itemToPayload({ link: 'mailto:desk@example.org', title: 'T', body: 'B' }, context)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('url') });
  });

  it('calls an implausible date, an overlong link and an oversized body invalid, naming the field', () => {
    const item = { link: 'https://x.example/e', title: 'T', body: 'B' };
    expect(itemToPayload({ ...item, publishedAt: '0000-01-01T00:00:00.000Z' }, context)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^publishedAt: /) });
    expect(itemToPayload({ ...item, publishedAt: '2027-06-01T00:00:00.000Z' }, context)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^publishedAt: /) });
    expect(itemToPayload({ ...item, publishedAt: '2026-11-29T10:00:00.000Z' }, context).kind).toBe('payload');
    expect(itemToPayload({ ...item, link: `https://x.example/${'a'.repeat(2_000)}` }, context)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^url: /) });
    expect(itemToPayload({ ...item, body: 'b'.repeat(1_048_577) }, context)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^body: /) });
  });

  it('leaves out a language that is not a tag and a guid too long to be a source id', () => {
    const outcome = itemToPayload({ link: 'https://x.example/d', title: 'T', body: 'B', guid: 'g'.repeat(300) }, { ...context, language: 'English' });
    expect(outcome.kind).toBe('payload');
    if (outcome.kind === 'payload') {
      expect(outcome.payload.language).toBeUndefined();
      expect(outcome.payload.sourceId).toBeUndefined();
    }
  });
});
