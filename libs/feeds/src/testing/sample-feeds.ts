/** Hand-written sample feeds for the specs: the shapes real publishers send. */

export const RSS_SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example Wire — World</title>
    <link>https://news.example.org/world</link>
    <description>World news</description>
    <language>en-US</language>
    <item>
      <title>Iraqi PM asks Iran to rein in militias</title>
      <link>https://news.example.org/world/iraq-iran-militias?utm_source=rss</link>
      <guid isPermaLink="false">wire-2026-0001</guid>
      <pubDate>Wed, 25 Nov 2026 13:05:00 GMT</pubDate>
      <description>Short summary.</description>
      <content:encoded><![CDATA[<p>BAGHDAD — Iraq&#8217;s prime minister <b>asked</b> Iran&rsquo;s leaders on Wednesday to rein in militias.</p><p>Talks resume next week.</p>]]></content:encoded>
    </item>
    <item>
      <title>Talks &amp; tensions: envoys meet in Geneva</title>
      <link>/world/geneva-envoys</link>
      <pubDate>Thu, 26 Nov 2026 08:00:00 +0100</pubDate>
      <description>&lt;p&gt;Envoys from both sides met in Geneva on Thursday.&lt;/p&gt;</description>
    </item>
    <item>
      <guid>https://news.example.org/world/guid-as-link</guid>
      <description>Only a permalink guid and a description. The minister resigned on Friday.</description>
    </item>
    <item>
      <title>No link at all</title>
      <description>Nothing to point to.</description>
    </item>
  </channel>
</rss>`;

export const ATOM_SAMPLE = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Example Atom</title>
  <link href="https://atom.example.net/" rel="alternate"/>
  <link href="https://atom.example.net/feed.xml" rel="self"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-27T18:30:02Z</updated>
  <entry>
    <title type="html">Minister &lt;em&gt;visits&lt;/em&gt; Kyiv</title>
    <link rel="edit" href="https://atom.example.net/api/entries/1"/>
    <link rel="alternate" type="text/html" href="https://atom.example.net/2026/11/minister-visits-kyiv"/>
    <id>tag:atom.example.net,2026:1</id>
    <published>2026-11-27T10:00:00+02:00</published>
    <updated>2026-11-27T12:00:00+02:00</updated>
    <summary>The summary.</summary>
    <content type="html">&lt;p&gt;The foreign minister visited Kyiv on Friday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Sanctions extended</title>
    <link href="https://atom.example.net/2026/11/sanctions"/>
    <id>tag:atom.example.net,2026:2</id>
    <updated>2026-11-26T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The council <strong>extended</strong> sanctions.</p></div></content>
  </entry>
  <entry>
    <title>Summary only</title>
    <link href="https://atom.example.net/2026/11/summary-only"/>
    <id>tag:atom.example.net,2026:3</id>
    <updated>not a date</updated>
    <summary>Leaders met in Rome.</summary>
  </entry>
</feed>`;

/** An RSS feed of three items, the shape the integration spec serves; `label` makes the texts differ between feeds (ingest also deduplicates by text). */
export function threeItemRss(base: string, label = 'wire'): string {
  const items = [1, 2, 3]
    .map(
      (n) => `<item>
      <title>Story ${n}: talks in capital ${n}</title>
      <link>${base}/story-${n}</link>
      <pubDate>Tue, 24 Nov 2026 0${n}:00:00 GMT</pubDate>
      <description><![CDATA[<p>Story ${n} (${label}): the foreign ministers of country ${n} and its neighbour met on Monday to discuss border crossing number ${n}.</p>]]></description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>${base}</link>${items}</channel></rss>`;
}
