import {
  InternalAddressError,
  InvalidAllowlistError,
  OPEN_INTERNET_ONLY,
  assertAllowedTarget,
  internalRangeOf,
  isAllowedTarget,
  parseAllowlist,
} from './address-policy.js';

describe('internalRangeOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.1.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
    ['2002:c0a8:0101::', 'private'],
  ])('refuses %s (%s)', (address, range) => {
    expect(internalRangeOf(address)).toBe(range);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'lets the public address %s through',
    (address) => {
      expect(internalRangeOf(address)).toBeUndefined();
    },
  );
});

describe('parseAllowlist and isAllowedTarget', () => {
  it('reads host names, addresses and CIDR ranges, and allows only what they name', () => {
    const policy = parseAllowlist(' receiver.internal , 127.0.0.1, 10.0.0.0/8, [::1], fd00::/8 ');
    expect([...policy.hosts]).toEqual(['receiver.internal']);
    expect(isAllowedTarget(policy, 'receiver.internal', '192.168.9.9')).toBe(true);
    expect(isAllowedTarget(policy, 'Receiver.Internal.', '192.168.9.9')).toBe(true);
    expect(isAllowedTarget(policy, 'x.example', '127.0.0.1')).toBe(true);
    expect(isAllowedTarget(policy, 'x.example', '127.0.0.2')).toBe(false);
    expect(isAllowedTarget(policy, 'x.example', '10.200.0.1')).toBe(true);
    expect(isAllowedTarget(policy, 'x.example', '::1')).toBe(true);
    expect(isAllowedTarget(policy, 'x.example', '::ffff:127.0.0.1')).toBe(true);
    expect(isAllowedTarget(policy, 'x.example', 'fd12::5')).toBe(true);
    expect(isAllowedTarget(policy, 'x.example', '169.254.169.254')).toBe(false);
    expect(isAllowedTarget(policy, 'x.example', '8.8.8.8')).toBe(true);
  });

  it('is empty when unset, and names a bad entry', () => {
    expect(parseAllowlist(undefined)).toEqual({ hosts: new Set(), ranges: [] });
    expect(() => parseAllowlist('127.0.0.1, 10.0.0.0/99')).toThrow(InvalidAllowlistError);
    expect(() => parseAllowlist('http://x')).toThrow('"http://x" is not a host name, an IP address or a CIDR range');
  });

  it('says which address and range it refused', () => {
    expect(() => assertAllowedTarget(OPEN_INTERNET_ONLY, 'rebind.example', ['8.8.8.8', '127.0.0.1'])).toThrow(
      new InternalAddressError('rebind.example', '127.0.0.1', 'loopback'),
    );
    expect(() => assertAllowedTarget(OPEN_INTERNET_ONLY, 'x', ['169.254.169.254'])).toThrow(
      /169\.254\.169\.254, an internal address \(cloud metadata\); name it in ALLOWED_INTERNAL_HOSTS/,
    );
  });
});
