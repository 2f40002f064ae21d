import { lookup as dnsLookup } from 'node:dns';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InternalAddressError, OPEN_INTERNET_ONLY, parseAllowlist } from './address-policy.js';
import { OutboundClient, OutboundUrlError, checkOutboundUrl } from './outbound-client.js';

/** DNS as a test wants it: *.test names map to fixed addresses, the rest is refused. */
const FAKE_DNS: Record<string, string> = { 'rebind.test': '127.0.0.1', 'public.test': '127.0.0.1' };
const fakeLookup = ((
  hostname: string,
  options: unknown,
  callback: (error: Error | null, addresses?: { address: string; family: number }[]) => void,
) => {
  const address = FAKE_DNS[hostname];
  if (!address) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
  callback(null, [{ address, family: 4 }]);
}) as unknown as typeof dnsLookup;
const causeOf = (error: unknown) => (error as { cause?: unknown }).cause ?? error;

describe('OutboundClient (a local HTTP server)', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url === '/hop') response.writeHead(302, { location: '/final' }).end();
      else if (request.url === '/to-localhost')
        response.writeHead(302, { location: `http://localhost:${port}/secret` }).end();
      else if (request.url === '/to-metadata')
        response.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else if (request.url === '/loop') response.writeHead(302, { location: '/loop' }).end();
      else response.writeHead(200, { 'content-type': 'text/plain' }).end(`you reached ${request.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => void hits.splice(0));

  it('refuses a loopback address before connecting, and a name that resolves to one at connect time (DNS rebinding)', async () => {
    const client = new OutboundClient(OPEN_INTERNET_ONLY, fakeLookup);
    await expect(client.fetch(`http://127.0.0.1:${port}/x`)).rejects.toBeInstanceOf(InternalAddressError);
    await expect(client.fetch(`http://localhost:${port}/x`)).rejects.toThrow(
      /localhost resolves to 127\.0\.0\.1, an internal address \(loopback\)/,
    );
    const rebound = await client.fetch(`http://rebind.test:${port}/x`).catch((error: unknown) => causeOf(error));
    expect(rebound).toBeInstanceOf(InternalAddressError);
    expect((rebound as Error).message).toBe(
      'rebind.test resolves to 127.0.0.1, an internal address (loopback); name it in ALLOWED_INTERNAL_HOSTS to allow it',
    );
    expect(hits).toEqual([]);
    await client.close();
  });

  it('reaches what the allowlist names, by address or by host name', async () => {
    const byAddress = new OutboundClient(parseAllowlist('127.0.0.1'), fakeLookup);
    expect(await (await byAddress.fetch(`http://rebind.test:${port}/a`)).text()).toBe('you reached /a');
    const byName = new OutboundClient(parseAllowlist('public.test'), fakeLookup);
    expect(await (await byName.fetch(`http://public.test:${port}/b`)).text()).toBe('you reached /b');
    await expect(byName.fetch(`http://rebind.test:${port}/c`)).rejects.toThrow();
    expect(hits).toEqual(['/a', '/b']);
    await byAddress.close();
    await byName.close();
  });

  it('follows redirects by hand and checks every hop the same way', async () => {
    const client = new OutboundClient(parseAllowlist('public.test'), fakeLookup);
    await expect(client.fetch(`http://public.test:${port}/to-localhost`, {}, { maxRedirects: 5 })).rejects.toThrow(
      /localhost.*internal address/,
    );
    await expect(client.fetch(`http://public.test:${port}/to-metadata`, {}, { maxRedirects: 5 })).rejects.toThrow(
      /169\.254\.169\.254 is an internal address \(cloud metadata\)/,
    );
    expect(hits).toEqual(['/to-localhost', '/to-metadata']);
    const allowed = new OutboundClient(parseAllowlist('127.0.0.1'));
    expect(await (await allowed.fetch(`http://127.0.0.1:${port}/hop`, {}, { maxRedirects: 5 })).text()).toBe(
      'you reached /final',
    );
    await expect(allowed.fetch(`http://127.0.0.1:${port}/loop`, {}, { maxRedirects: 3 })).rejects.toBeInstanceOf(
      OutboundUrlError,
    );
    // Not following: the 3xx comes back as it is.
    expect((await allowed.fetch(`http://127.0.0.1:${port}/hop`)).status).toBe(302);
    await client.close();
    await allowed.close();
  });

  it('checks a URL at registration: internal literals and names refused, unresolvable names and allowlisted ones let through', async () => {
    const resolve = async (host: string) => {
      if (host === 'intranet.test') return ['10.1.2.3'];
      if (host === 'news.test') return ['93.184.215.14'];
      throw new Error('ENOTFOUND');
    };
    for (const url of [
      'http://169.254.169.254/latest',
      'http://[::1]:8080/',
      'http://10.0.0.1/feed',
      'https://localhost/x',
      'http://0.0.0.0/',
      'http://[fd00::1]/',
      'http://100.64.1.1/',
    ]) {
      await expect(checkOutboundUrl(OPEN_INTERNET_ONLY, url, resolve)).rejects.toBeInstanceOf(InternalAddressError);
    }
    await expect(checkOutboundUrl(OPEN_INTERNET_ONLY, 'http://intranet.test/rss', resolve)).rejects.toThrow(
      'intranet.test resolves to 10.1.2.3, an internal address (private)',
    );
    await expect(checkOutboundUrl(OPEN_INTERNET_ONLY, 'http://news.test/rss', resolve)).resolves.toBeUndefined();
    await expect(checkOutboundUrl(OPEN_INTERNET_ONLY, 'http://not-yet.test/rss', resolve)).resolves.toBeUndefined();
    await expect(
      checkOutboundUrl(parseAllowlist('intranet.test, 10.0.0.0/8'), 'http://intranet.test/rss', resolve),
    ).resolves.toBeUndefined();
    await expect(
      checkOutboundUrl(parseAllowlist('10.0.0.0/8'), 'http://10.9.9.9/rss', resolve),
    ).resolves.toBeUndefined();
    await expect(checkOutboundUrl(OPEN_INTERNET_ONLY, 'ftp://news.test/rss', resolve)).rejects.toBeInstanceOf(
      OutboundUrlError,
    );
  });
});
