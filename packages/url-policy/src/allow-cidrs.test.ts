import { describe, expect, it } from 'vitest';
import { MAX_ALLOW_CIDRS, parseAllowCidr, parseAllowCidrs } from './allow-cidrs';

describe('parseAllowCidr', () => {
  it('accepts IPv4 and IPv6 ranges and normalises them to their network address', () => {
    expect(parseAllowCidr('10.20.0.0/16')).toMatchObject({ ok: true, cidr: '10.20.0.0/16' });
    expect(parseAllowCidr(' 10.20.3.4/16 ')).toMatchObject({ ok: true, cidr: '10.20.0.0/16' });
    expect(parseAllowCidr('FD00:20:0:0::/48')).toMatchObject({ ok: true, cidr: 'fd00:20::/48' });
    expect(parseAllowCidr('192.168.7.9/32')).toMatchObject({ ok: true, cidr: '192.168.7.9/32' });
  });

  it.each([
    ['10.0.0.1', /CIDR notation/], ['10.0.0.0/33', /CIDR notation/], ['example.com/24', /CIDR notation/], ['', /CIDR notation/],
    ['0.0.0.0/0', /too broad/], ['::/0', /too broad/], ['0.0.0.0/8', /loopback or unspecified/],
    ['127.0.0.0/8', /loopback/], ['127.0.0.1/32', /loopback/], ['::1/128', /loopback/], ['::/16', /loopback or unspecified/],
    ['::ffff:10.0.0.0/104', /IPv4 notation/],
  ])('refuses %s', (text, reason) => {
    const parsed = parseAllowCidr(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });
});

describe('parseAllowCidrs', () => {
  it('names each refused entry by its index and removes duplicates of the rest', () => {
    expect(parseAllowCidrs(['10.0.0.0/8', 'nope', '127.0.0.0/8'])).toMatchObject({ ok: false, errors: [{ index: 1 }, { index: 2 }] });
    expect(parseAllowCidrs(['10.1.2.3/16', '10.1.0.0/16'])).toEqual({ ok: true, cidrs: ['10.1.0.0/16'] });
  });

  it('bounds the list', () => {
    const many = Array.from({ length: MAX_ALLOW_CIDRS + 1 }, (_, i) => `10.${i}.0.0/16`);
    expect(parseAllowCidrs(many)).toMatchObject({ ok: false, errors: [{ reason: expect.stringMatching(/at most/) }] });
  });
});
