import { FeedParseError, MAX_ITEMS_PER_FEED, parseFeed } from './feed-parser.js';
import { ATOM_SAMPLE, RSS_SAMPLE } from './testing/sample-feeds.js';

describe('parseFeed', () => {
  describe('RSS 2.0', () => {
    const feed = parseFeed(RSS_SAMPLE);

    it('reads the channel', () => {
      expect(feed).toMatchObject({
        format: 'rss',
        title: 'Example Wire — World',
        link: 'https://news.example.org/world',
        language: 'en-us',
      });
      expect(feed.items).toHaveLength(4);
    });

    it('prefers content:encoded over description, keeps HTML from CDATA, and reads RFC 822 dates as UTC', () => {
      expect(feed.items[0]).toEqual({
        link: 'https://news.example.org/world/iraq-iran-militias?utm_source=rss',
        title: 'Iraqi PM asks Iran to rein in militias',
        publishedAt: '2026-11-25T13:05:00.000Z',
        body: '<p>BAGHDAD — Iraq&#8217;s prime minister <b>asked</b> Iran&rsquo;s leaders on Wednesday to rein in militias.</p><p>Talks resume next week.</p>',
        guid: 'wire-2026-0001',
      });
    });

    it('decodes escaped HTML in description and entities in titles; keeps relative links as given', () => {
      expect(feed.items[1]).toEqual({
        link: '/world/geneva-envoys',
        title: 'Talks & tensions: envoys meet in Geneva',
        publishedAt: '2026-11-26T07:00:00.000Z',
        body: '<p>Envoys from both sides met in Geneva on Thursday.</p>',
      });
    });

    it('uses a permalink guid as the link when there is no <link>, but not a guid marked isPermaLink="false"', () => {
      expect(feed.items[2]).toMatchObject({
        link: 'https://news.example.org/world/guid-as-link',
        guid: 'https://news.example.org/world/guid-as-link',
      });
      expect(feed.items[2]!.title).toBeUndefined();
      expect(feed.items[3]).toEqual({ title: 'No link at all', body: 'Nothing to point to.' });
    });

    it('reads a single item and a channel without items', () => {
      const one = parseFeed(
        '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://x.example/a</link></item></channel></rss>',
      );
      expect(one.items).toEqual([{ title: 'A', link: 'https://x.example/a' }]);
      expect(parseFeed('<rss version="2.0"><channel><title>Empty</title></channel></rss>').items).toEqual([]);
    });

    it('keeps numeric-looking titles as text', () => {
      expect(
        parseFeed('<rss><channel><item><title>2026</title><link>https://x.example/y</link></item></channel></rss>')
          .items[0]!.title,
      ).toBe('2026');
    });
  });

  describe('Atom 1.0', () => {
    const feed = parseFeed(ATOM_SAMPLE);

    it('reads the feed, its alternate link and xml:lang', () => {
      expect(feed).toMatchObject({
        format: 'atom',
        title: 'Example Atom',
        link: 'https://atom.example.net/',
        language: 'en',
      });
      expect(feed.items).toHaveLength(3);
    });

    it('takes the alternate link (not rel=edit), published over updated, and html content', () => {
      expect(feed.items[0]).toEqual({
        link: 'https://atom.example.net/2026/11/minister-visits-kyiv',
        title: 'Minister <em>visits</em> Kyiv',
        publishedAt: '2026-11-27T08:00:00.000Z',
        body: '<p>The foreign minister visited Kyiv on Friday.</p>',
        guid: 'tag:atom.example.net,2026:1',
      });
    });

    it('turns xhtml content back into markup and falls back to updated', () => {
      const item = feed.items[1]!;
      expect(item.publishedAt).toBe('2026-11-26T09:00:00.000Z');
      expect(item.body).toContain('<p>The council <strong>extended</strong> sanctions.</p>');
    });

    it('falls back to summary, and leaves an unreadable date out', () => {
      expect(feed.items[2]).toEqual({
        link: 'https://atom.example.net/2026/11/summary-only',
        title: 'Summary only',
        body: 'Leaders met in Rome.',
        guid: 'tag:atom.example.net,2026:3',
      });
    });
  });

  it('reads RSS 1.0 (RDF)', () => {
    const feed = parseFeed(`<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
        <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><dc:date>2026-11-20T10:00:00Z</dc:date><description>Text one.</description></item>
      </rdf:RDF>`);
    expect(feed.format).toBe('rdf');
    expect(feed.items).toEqual([
      {
        link: 'https://r.example/1',
        title: 'One',
        publishedAt: '2026-11-20T10:00:00.000Z',
        body: 'Text one.',
        guid: 'https://r.example/1',
      },
    ]);
  });

  it('caps the number of items read from one feed', () => {
    const items = Array.from(
      { length: MAX_ITEMS_PER_FEED + 5 },
      (_, i) => `<item><link>https://x.example/${i}</link></item>`,
    ).join('');
    expect(parseFeed(`<rss><channel>${items}</channel></rss>`).items).toHaveLength(MAX_ITEMS_PER_FEED);
  });

  describe('refuses what is not a feed, with a clear message', () => {
    it.each([
      ['an empty body', '   ', /empty/],
      ['garbage', 'this is not xml at all {', /not well-formed XML/],
      ['broken XML', '<rss><channel><item><title>x</item></channel></rss>', /not well-formed XML: .*line 1/],
      [
        'an HTML page',
        '<html><head><title>Home</title></head><body><p>hi</p></body></html>',
        /not an RSS or Atom feed: the root element is <html>/,
      ],
      ['JSON', '{"items": []}', /not well-formed XML/],
    ])('%s', (_name, input, message) => {
      expect(() => parseFeed(input)).toThrow(FeedParseError);
      expect(() => parseFeed(input)).toThrow(message);
    });
  });
});
