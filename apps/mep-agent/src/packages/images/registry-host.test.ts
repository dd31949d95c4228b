import { describe, expect, it } from 'vitest';
import { allowedRegistry, registryOf } from './registry-host';

describe('registryOf', () => {
  it.each([
    ['127.0.0.1:5055/demo/hello:1.0', '127.0.0.1:5055'],
    ['Registry.Example/team/app@sha256:00', 'registry.example'],
    ['localhost/app:1', 'localhost'],
    ['library/nginx:1', undefined],
    ['busybox', undefined],
  ])('%s -> %s', (name, host) => expect(registryOf(name)).toBe(host));
});

describe('allowedRegistry', () => {
  const registries = [{ host: '127.0.0.1:5055', tlsVerify: false }, { host: 'registry.example', tlsVerify: true }];
  it('returns the node\'s entry for the image\'s registry (host and port equal)', () => {
    expect(allowedRegistry('127.0.0.1:5055/demo/app:1', registries)).toEqual({ host: '127.0.0.1:5055', tlsVerify: false });
    expect(allowedRegistry('REGISTRY.example/app:1', registries).tlsVerify).toBe(true);
  });
  it('refuses another registry or port, naming it and the allowed ones', () => {
    expect(() => allowedRegistry('127.0.0.1:5056/demo/app:1', registries)).toThrow('registry 127.0.0.1:5056 is not among the registries this node may pull from (127.0.0.1:5055, registry.example)');
    expect(() => allowedRegistry('docker.io/library/nginx:1', [])).toThrow('registry docker.io is not among the registries this node may pull from (none)');
  });
  it('refuses a short name, whose registry the node\'s registries.conf would choose', () => {
    expect(() => allowedRegistry('nginx:1', registries)).toThrow(/names no registry/);
  });
});
