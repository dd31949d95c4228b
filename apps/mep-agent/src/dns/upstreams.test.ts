import { describe, expect, it } from 'vitest';
import { dnsPort } from '../env';
import { formatUpstream, parseUpstreams } from './upstreams';

describe('DNS settings', () => {
  it('reads upstreams as comma-separated addresses with optional ports', () => {
    expect(parseUpstreams('127.0.0.1:5353, [::1]:53,10.0.0.2')).toEqual([{ host: '127.0.0.1', port: 5353 }, { host: '::1', port: 53 }, { host: '10.0.0.2', port: 53 }]);
    expect(parseUpstreams(undefined)).toEqual([]);
    expect(parseUpstreams(' ')).toEqual([]);
    expect(formatUpstream({ host: '::1', port: 53 })).toBe('[::1]:53');
  });

  it('refuses names and bad ports, naming the value', () => {
    expect(() => parseUpstreams('dns.example:53')).toThrow(/"dns.example:53": must be an IP address/);
    expect(() => parseUpstreams('10.0.0.1:70000')).toThrow(/"10.0.0.1:70000"/);
  });

  it('the port: 53 by default, 0 or off for none', () => {
    expect(dnsPort(undefined)).toBe(53);
    expect(dnsPort('8553')).toBe(8553);
    expect(dnsPort('off')).toBeUndefined();
    expect(dnsPort('0')).toBeUndefined();
    expect(() => dnsPort('65536')).toThrow(/1-65535, 0 or off/);
  });
});
