import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, type RequestInit, type Response, fetch } from 'undici';
import {
  InternalAddressError,
  type OutboundPolicy,
  assertAllowedTarget,
  isLoopbackName,
  normaliseHost,
  parseAllowlist,
} from './address-policy.js';

export class OutboundUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundUrlError';
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Requests to addresses users gave us, checked against the policy where it
 * matters: in the socket's own DNS look-up, so the address connected to is the
 * address checked (a name that resolves to a public address when registered
 * and to 127.0.0.1 at fetch time — DNS rebinding — is refused), and on every
 * redirect, which is followed by hand so each hop is checked the same way.
 */
export class OutboundClient {
  private readonly agent: Agent;

  /** `lookup` stands in for DNS in tests (a name that rebinds to loopback). */
  constructor(
    readonly policy: OutboundPolicy,
    lookup: typeof dnsLookup = dnsLookup,
  ) {
    this.agent = new Agent({ connect: { lookup: checkedLookup(policy, lookup) } });
  }

  /**
   * fetch with the checks. `maxRedirects` 0 (the default) hands a 3xx back as
   * it is; more follows GET/HEAD redirects that far, each hop checked.
   */
  async fetch(url: string, init: RequestInit = {}, options: { maxRedirects?: number } = {}): Promise<Response> {
    const maxRedirects = options.maxRedirects ?? 0;
    let current = url;
    for (let hop = 0; ; hop++) {
      checkLiteralTarget(this.policy, current);
      const response = await fetch(current, { ...init, redirect: 'manual', dispatcher: this.agent });
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || !location || maxRedirects === 0) return response;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects)
        throw new OutboundUrlError(`more than ${maxRedirects} redirects from ${url.slice(0, 200)}`);
      const next = new URL(location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw new OutboundUrlError(`redirected to a ${next.protocol} URL`);
      current = next.toString();
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * At registration: refuses a URL whose host is, or now resolves to, an
 * internal address. A name that does not resolve yet is let through (the
 * fetch-time check still applies); `resolve` is replaceable in tests.
 */
export async function checkOutboundUrl(
  policy: OutboundPolicy,
  url: string,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<void> {
  checkLiteralTarget(policy, url);
  const host = normaliseHost(new URL(url).hostname);
  if (ipaddr.isValid(host) || policy.hosts.has(host)) return;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return;
  }
  assertAllowedTarget(policy, host, addresses);
}

/** What needs no resolver: the scheme, an IP literal, and names that are always loopback. */
function checkLiteralTarget(policy: OutboundPolicy, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundUrlError('not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new OutboundUrlError(`${parsed.protocol} URLs are not fetched`);
  const host = normaliseHost(parsed.hostname);
  if (policy.hosts.has(host)) return;
  if (ipaddr.isValid(host)) assertAllowedTarget(policy, host, [host]);
  else if (isLoopbackName(host)) throw new InternalAddressError(host, '127.0.0.1', 'loopback');
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('DNS look-up timed out')), 3_000);
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(addresses.map((a) => a.address));
    });
  });
}

/** net's lookup, refusing (for the socket about to connect) any address the policy does not allow. */
function checkedLookup(policy: OutboundPolicy, lookup: typeof dnsLookup): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error);
      try {
        assertAllowedTarget(
          policy,
          hostname,
          addresses.map((a) => a.address),
        );
      } catch (refused) {
        return callback(refused);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as LookupFunction;
}

let fromEnvironment: OutboundClient | undefined;

/**
 * The process's client, from ALLOWED_INTERNAL_HOSTS (read once, at first use;
 * loadConfig has already refused a malformed value at start).
 */
export function defaultOutboundClient(): OutboundClient {
  fromEnvironment ??= new OutboundClient(parseAllowlist(process.env.ALLOWED_INTERNAL_HOSTS));
  return fromEnvironment;
}
