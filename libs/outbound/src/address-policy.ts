import ipaddr from 'ipaddr.js';

/**
 * Where newsledger may send requests on a user's behalf (feed fetches, alert
 * webhooks): public unicast addresses only, unless the operator names a host
 * or range in ALLOWED_INTERNAL_HOSTS. Refused: loopback, private (RFC 1918,
 * IPv6 unique-local), link-local (cloud metadata at 169.254.169.254), CGNAT,
 * unspecified, broadcast, multicast, reserved and documentation ranges, and
 * IPv6 forms that embed one of those IPv4 addresses (mapped, NAT64, 6to4).
 */
export interface OutboundPolicy {
  /** Host names allowed whatever they resolve to (lower case, no port). */
  readonly hosts: ReadonlySet<string>;
  readonly ranges: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

export const OPEN_INTERNET_ONLY: OutboundPolicy = { hosts: new Set(), ranges: [] };

export class InvalidAllowlistError extends Error {
  constructor(readonly entry: string) {
    super(`"${entry.slice(0, 100)}" is not a host name, an IP address or a CIDR range`);
    this.name = 'InvalidAllowlistError';
  }
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

/** Parses a comma-separated allowlist: host names, IP addresses and CIDR ranges (`receiver.internal, 127.0.0.1, 10.0.0.0/8, ::1`). */
export function parseAllowlist(value: string | undefined): OutboundPolicy {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    if (!entry) continue;
    if (entry.includes('/')) {
      try {
        ranges.push(ipaddr.parseCIDR(entry));
      } catch {
        throw new InvalidAllowlistError(raw.trim());
      }
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(entry)) hosts.add(entry.replace(/\.$/, ''));
    else throw new InvalidAllowlistError(raw.trim());
  }
  return { hosts, ranges };
}

/** The name of the internal range an address is in, or undefined for a public unicast address. */
export function internalRangeOf(address: string): string | undefined {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return 'unparsable';
  }
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    const embedded = embeddedIPv4(v6);
    if (embedded) return internalRangeOf(embedded);
  }
  if (address === '169.254.169.254' || address === 'fd00:ec2::254') return 'cloud metadata';
  const range = ip.range();
  return range === 'unicast' ? undefined : range;
}

/** IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 destination. */
function embeddedIPv4(ip: ipaddr.IPv6): string | undefined {
  const range = ip.range();
  const parts = ip.parts;
  if (range === 'ipv4Mapped') return ip.toIPv4Address().toString();
  if (range === 'rfc6052') return v4(parts[6]!, parts[7]!);
  if (range === '6to4') return v4(parts[1]!, parts[2]!);
  return undefined;
}

const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/** True when the policy lets a request go to this host at this address. */
export function isAllowedTarget(policy: OutboundPolicy, host: string, address: string): boolean {
  if (policy.hosts.has(normaliseHost(host))) return true;
  if (internalRangeOf(address) === undefined) return true;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address);
  } catch {
    return false;
  }
  return policy.ranges.some(([base, bits]) => base.kind() === ip.kind() && ip.match([base, bits] as never));
}

export class InternalAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      host === address
        ? `${address} is an internal address (${range}); name it in ALLOWED_INTERNAL_HOSTS to allow it`
        : `${host} resolves to ${address}, an internal address (${range}); name it in ALLOWED_INTERNAL_HOSTS to allow it`,
    );
    this.name = 'InternalAddressError';
  }
}

/** Throws InternalAddressError for the first address the policy refuses. */
export function assertAllowedTarget(policy: OutboundPolicy, host: string, addresses: readonly string[]): void {
  for (const address of addresses) {
    if (!isAllowedTarget(policy, host, address))
      throw new InternalAddressError(normaliseHost(host), address, internalRangeOf(address) ?? 'internal');
  }
}

/** URL host → the name or address to check: lower case, no IPv6 brackets, no trailing dot. */
export function normaliseHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** Names that never leave the machine, whatever a resolver says (RFC 6761). */
export function isLoopbackName(host: string): boolean {
  const name = normaliseHost(host);
  return name === 'localhost' || name.endsWith('.localhost');
}
