import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One entry of a feed, before it becomes an article payload; every field may be missing in the wild. */
export interface FeedItem {
  link?: string;
  title?: string;
  /** ISO date-time (UTC) when the feed gave a date we could read. */
  publishedAt?: string;
  /** content:encoded / Atom content, else description / summary; HTML as the feed sent it. */
  body?: string;
  /** RSS guid or Atom id. */
  guid?: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title?: string;
  link?: string;
  /** Channel language (RSS) or xml:lang of the Atom feed, lower-cased. */
  language?: string;
  items: FeedItem[];
  /** Entries that could not be read at all (their position in the feed, from 1, and why); the others go on. */
  unparsable: { position: number; error: string }[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

/** Feeds in the wild rarely exceed a few hundred entries; this bounds the work of one poll. */
export const MAX_ITEMS_PER_FEED = 500;

const ATTR = '@_';
const TEXT = '#text';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: TEXT,
  // Keep every value a string: a title "2024" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Feeds use HTML entities (&nbsp;, &mdash;) in titles; DOCTYPE entity expansion keeps the library's default limits.
  htmlEntities: true,
  // Atom xhtml content is markup inside the feed: keep it verbatim (a plain parse would lose the order of mixed text and tags).
  stopNodes: ['feed.entry.content[type=xhtml]', 'feed.entry.summary[type=xhtml]'],
});

type Node = Record<string, unknown>;

/** Parses RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0; anything else throws a FeedParseError saying what it got. */
export function parseFeed(xml: string): ParsedFeed {
  const source = xml.replace(/^\uFEFF/, '').trim();
  if (source.length === 0) throw new FeedParseError('the response is empty, not a feed');
  const valid = XMLValidator.validate(source, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new FeedParseError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  const document = parser.parse(source) as Node;
  const root = Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('!'));
  if (root === 'rss') return parseRss(node(document.rss));
  if (root === 'feed') return parseAtom(node(document.feed));
  if (root === 'rdf:RDF') return parseRdf(node(document['rdf:RDF']));
  throw new FeedParseError(
    root ? `not an RSS or Atom feed: the root element is <${root}>` : 'not an RSS or Atom feed: no root element',
  );
}

function parseRss(rss: Node): ParsedFeed {
  const channel = node(first(rss.channel));
  return {
    format: 'rss',
    ...optional('title', text(channel.title)),
    ...optional('link', text(first(channel.link))),
    ...optional('language', text(channel.language)?.toLowerCase()),
    ...eachItem(list(channel.item), (raw) => rssItem(node(raw))),
  };
}

function rssItem(item: Node): FeedItem {
  const guidNode = first(item.guid);
  const guid = text(guidNode);
  // RSS 2.0: a guid is a permalink unless it says isPermaLink="false".
  const guidIsLink =
    guid !== undefined && attribute(guidNode, 'isPermaLink')?.toLowerCase() !== 'false' && /^https?:\/\//i.test(guid);
  const link = text(first(item.link)) ?? (guidIsLink ? guid : undefined);
  return {
    ...optional('link', link),
    ...optional('title', text(item.title)),
    ...optional('publishedAt', isoDate(text(item.pubDate) ?? text(item['dc:date']))),
    ...optional('body', text(item['content:encoded']) ?? text(item.description)),
    ...optional('guid', guid),
  };
}

function parseRdf(rdf: Node): ParsedFeed {
  const channel = node(first(rdf.channel));
  return {
    format: 'rdf',
    ...optional('title', text(channel.title)),
    ...optional('link', text(channel.link)),
    ...optional('language', text(channel['dc:language'])?.toLowerCase()),
    ...eachItem(list(rdf.item), (raw) => {
      const item = node(raw);
      return {
        ...optional('link', text(item.link)),
        ...optional('title', text(item.title)),
        ...optional('publishedAt', isoDate(text(item['dc:date']))),
        ...optional('body', text(item['content:encoded']) ?? text(item.description)),
        ...optional('guid', attribute(item, 'rdf:about')),
      };
    }),
  };
}

function parseAtom(feed: Node): ParsedFeed {
  return {
    format: 'atom',
    ...optional('title', text(feed.title)),
    ...optional('link', atomLink(feed.link)),
    ...optional('language', attribute(feed, 'xml:lang')?.toLowerCase()),
    ...eachItem(list(feed.entry), (raw) => {
      const entry = node(raw);
      return {
        ...optional('link', atomLink(entry.link)),
        ...optional('title', text(entry.title)),
        ...optional('publishedAt', isoDate(text(entry.published) ?? text(entry.updated))),
        ...optional('body', text(first(entry.content)) ?? text(first(entry.summary))),
        ...optional('guid', text(entry.id)),
      };
    }),
  };
}

/** Reads each entry on its own: one that cannot be read is set aside with its error, never the feed. */
function eachItem(
  raws: unknown[],
  read: (raw: unknown) => FeedItem,
): { items: FeedItem[]; unparsable: ParsedFeed['unparsable'] } {
  const items: FeedItem[] = [];
  const unparsable: ParsedFeed['unparsable'] = [];
  raws.slice(0, MAX_ITEMS_PER_FEED).forEach((raw, index) => {
    try {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        throw new FeedParseError('the entry is not an element');
      items.push(read(raw));
    } catch (error) {
      unparsable.push({
        position: index + 1,
        error: error instanceof Error ? error.message.slice(0, 500) : String(error),
      });
    }
  });
  return { items, unparsable };
}

/** The entry's own page: rel="alternate" (the default rel), else the first link with an href. */
function atomLink(links: unknown): string | undefined {
  const candidates = list(links).map(node);
  const alternate = candidates.find(
    (l) => (attribute(l, 'rel') ?? 'alternate') === 'alternate' && attribute(l, 'href'),
  );
  return attribute(alternate ?? candidates.find((l) => attribute(l, 'href')), 'href');
}

/** A readable date as ISO UTC; undefined when absent or unreadable (the caller falls back to now). */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function text(value: unknown): string | undefined {
  let raw: unknown = value;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) raw = (raw as Node)[TEXT];
  if (typeof raw === 'number' || typeof raw === 'boolean') raw = String(raw);
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function attribute(value: unknown, name: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const raw = (value as Node)[`${ATTR}${name}`];
  return typeof raw === 'string' && raw.trim().length > 0 ? raw.trim() : undefined;
}

function node(value: unknown): Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : {};
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Leaves a key out rather than setting it to undefined (exact optional properties read better in tests and JSON). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
