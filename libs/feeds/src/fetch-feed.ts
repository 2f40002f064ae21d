import { InternalAddressError, type OutboundClient, OutboundUrlError, defaultOutboundClient } from '#outbound';

export interface FetchFeedOptions {
  /** Keeps fetches (and every redirect) off internal addresses; the process's default from ALLOWED_INTERNAL_HOSTS. */
  client?: OutboundClient;
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  /** Larger bodies are refused: a feed is text, a few MB at most. */
  maxBytes?: number;
}

export type FetchFeedResult =
  { status: 'not-modified' } | { status: 'ok'; body: string; etag: string | null; lastModified: string | null };

export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_FEED_BYTES = 10 * 1024 * 1024;
/** Publishers move feeds; a few hops is plenty, each checked against the internal-address policy. */
export const MAX_FEED_REDIRECTS = 5;

const USER_AGENT = 'newsledger-feed-poller/0.1';

/**
 * One conditional GET: If-None-Match / If-Modified-Since from the last
 * success, so an unchanged feed costs the publisher a 304. The timeout covers
 * the whole exchange, body included.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  const headers: Record<string, string> = {
    accept:
      'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    'user-agent': USER_AGENT,
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  const signal = AbortSignal.timeout(timeoutMs);
  const client = options.client ?? defaultOutboundClient();
  let response: Awaited<ReturnType<OutboundClient['fetch']>>;
  try {
    response = await client.fetch(url, { headers, signal }, { maxRedirects: MAX_FEED_REDIRECTS });
  } catch (error) {
    throw new FeedFetchError(describeNetworkError(error, timeoutMs));
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 'not-modified' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FeedFetchError(
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url}`,
      response.status,
    );
  }
  let body: string;
  try {
    body = await readLimited(response, maxBytes);
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    throw new FeedFetchError(describeNetworkError(error, timeoutMs));
  }
  return {
    status: 'ok',
    body,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}

async function readLimited(response: Awaited<ReturnType<OutboundClient['fetch']>>, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FeedFetchError(`feed is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new FeedFetchError(`feed is more than the ${maxBytes} bytes allowed`);
    }
    chunks.push(chunk);
  }
  // XML declares its own encoding; UTF-8 is by far the most common and TextDecoder replaces what it cannot read.
  return decode(Buffer.concat(chunks), response.headers.get('content-type'));
}

function decode(bytes: Buffer, contentType: string | null): string {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /^<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const refused = [error, (error as { cause?: unknown })?.cause].find(
    (e) => e instanceof InternalAddressError || e instanceof OutboundUrlError,
  );
  if (refused) return `refused: ${(refused as Error).message}`;
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no complete answer within ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `fetch failed${cause ? `: ${cause}` : e?.message ? `: ${e.message}` : ''}`;
}
