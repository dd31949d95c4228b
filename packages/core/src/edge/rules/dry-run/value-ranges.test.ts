import { describe, expect, it } from 'vitest';
import { addressRange, normalAddress, portRange, protocolRange } from './value-ranges';

const V6 = 1n << 32n;

describe('addressRange', () => {
  it('turns an IPv4 CIDR into its first and last address, whatever host bits were written', () => {
    expect(addressRange('10.45.0.0/16')).toEqual({ lo: 0x0a2d0000n, hi: 0x0a2dffffn });
    expect(addressRange('10.45.3.9/16')).toEqual({ lo: 0x0a2d0000n, hi: 0x0a2dffffn });
    expect(addressRange('10.0.0.7')).toEqual({ lo: 0x0a000007n, hi: 0x0a000007n });
    expect(addressRange('0.0.0.0/0')).toEqual({ lo: 0n, hi: 0xffffffffn });
  });

  it('puts IPv6 after every IPv4 address, so the families never meet', () => {
    expect(addressRange('::/0')).toEqual({ lo: V6, hi: V6 + (1n << 128n) - 1n });
    expect(addressRange('2001:db8::/32')).toEqual({ lo: V6 + (0x20010db8n << 96n), hi: V6 + (0x20010db9n << 96n) - 1n });
    expect(addressRange('::ffff:10.0.0.7')!.lo).toBeGreaterThan(0xffffffffn);
  });

  it('reads a low-high range and refuses one running backwards or across families', () => {
    expect(addressRange('10.0.0.1-10.0.0.9')).toEqual({ lo: 0x0a000001n, hi: 0x0a000009n });
    expect(addressRange('10.0.0.9-10.0.0.1')).toBeNull();
    expect(addressRange('10.0.0.1-2001:db8::1')).toBeNull();
  });

  it('refuses what is not an address', () => {
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0', '0x0a.0.0.1', 'example.com', '10.0.0.0/8/8', '10.0.0.0/']) {
      expect(addressRange(bad), bad).toBeNull();
    }
  });
});

describe('ports and protocols', () => {
  it('reads a port or an inclusive range within 0-65535', () => {
    expect(portRange('443')).toEqual({ lo: 443n, hi: 443n });
    expect(portRange('8000-8080')).toEqual({ lo: 8000n, hi: 8080n });
    expect(portRange('70000')).toBeNull();
    expect(portRange('9-1')).toBeNull();
  });

  it('gives a protocol name its IANA number and ANY every number', () => {
    expect(protocolRange('udp')).toEqual({ lo: 17n, hi: 17n });
    expect(protocolRange('17')).toEqual(protocolRange('UDP'));
    expect(protocolRange('ANY')).toEqual({ lo: 0n, hi: 255n });
    expect(protocolRange('QUIC')).toBeNull();
  });

  it('normalises an address however it was written', () => {
    expect(normalAddress('2001:0DB8:0::1')).toBe(normalAddress('2001:db8::1'));
    expect(normalAddress('10.0.0.7')).not.toBe(normalAddress('10.0.0.8'));
  });
});
