import type { TEdgeNode } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { emptyNodeForm, formFieldOf, nodeBody, nodeFormFrom, serverNodeErrors } from './node-form-model';

const filled = { ...emptyNodeForm(), name: ' sz-1 ', latitude: '22.54', longitude: '114.06', city: '深圳' };

describe('node form model', () => {
  it('builds the API body from the typed values', () => {
    const r = nodeBody({ ...filled, labels: [{ key: 'tier', value: 'gold' }], settings: [{ key: 'baseUrl', value: 'https://nef.example' }, { key: '', value: '' }], adapter: 'nef' });
    expect(r).toEqual({ ok: true, body: expect.objectContaining({ name: 'sz-1', latitude: 22.54, longitude: 114.06, city: '深圳', labels: { tier: 'gold' }, capacity: null, groupId: null, dataPlane: { adapter: 'nef', settings: { baseUrl: 'https://nef.example' } } }) });
  });

  it('includes capacity only when the operator gives it', () => {
    const r = nodeBody({ ...filled, hasCapacity: true, architecture: 'aarch64', cpuCores: '32', memoryMb: '65536', gpus: '1', npus: '2' });
    expect(r.ok && r.body.capacity).toEqual({ architecture: 'aarch64', cpuCores: 32, memoryMb: 65536, gpus: 1, npus: 2 });
  });

  it('names each wrong field with a code the form translates', () => {
    const r = nodeBody({ ...emptyNodeForm(), latitude: 'north', longitude: '200', hasCapacity: true, cpuCores: '', memoryMb: '1024', labels: [{ key: 'Bad', value: 'x' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ name: 'required', latitude: 'invalidNumber', longitude: 'outOfRange', cpuCores: 'required', labels: 'invalid' });
    expect(r.labelErrors).toEqual([{ row: 0, part: 'key', code: 'invalidKey' }]);
  });

  it('maps server field paths onto form fields', () => {
    expect(formFieldOf('capacity.cpuCores')).toBe('cpuCores');
    expect(formFieldOf('labels.Tier')).toBe('labels');
    expect(formFieldOf('dataPlane.settings.x')).toBe('settings');
    expect(formFieldOf('whatever')).toBe('form');
    expect(serverNodeErrors([{ in: 'body', field: 'name', message: 'already used in your tenant' }, { in: 'body', field: 'groupId', message: 'no such node group in your tenant' }]))
      .toEqual({ name: 'already used in your tenant', groupId: 'no such node group in your tenant' });
  });

  it('reads the callback allow-list one range per line, and shows the server\'s refusal under it', () => {
    const r = nodeBody({ ...filled, callbackAllowCidrs: '10.20.0.0/16\n\n  fd00:20::/48, 192.168.7.0/24 ' });
    expect(r.ok && r.body.callbackAllowCidrs).toEqual(['10.20.0.0/16', 'fd00:20::/48', '192.168.7.0/24']);
    expect(nodeBody(filled)).toMatchObject({ ok: true, body: { callbackAllowCidrs: [] } });
    expect(serverNodeErrors([{ in: 'body', field: 'callbackAllowCidrs.1', message: 'must not contain loopback or unspecified addresses' }]))
      .toEqual({ callbackAllowCidrs: 'must not contain loopback or unspecified addresses' });
  });

  it('loads a node into the form and builds the same body back', () => {
    const node = {
      id: '00000000-0000-4000-8000-000000000001', name: 'muc-1', latitude: 48.1, longitude: 11.5, address: 'Leopoldstraße 1', province: 'Bayern', city: 'München', district: 'Schwabing',
      groupId: null, groupName: null, labels: { tier: 'gold' }, capacity: { architecture: 'x86_64', cpuCores: 8, memoryMb: 16384, gpus: 0, npus: 0 },
      dataPlane: { adapter: 'camara', settings: { baseUrl: 'https://camara.example' } }, callbackAllowCidrs: ['10.20.0.0/16', 'fd00:20::/48'], runtime: { container: 'none', registries: [] }, runtimes: null, status: 'pending', agentVersion: null, hostname: null, desiredRevision: 0, appliedRevision: -1,
      lastHeartbeatAt: null, enrolledAt: null, createdAt: '2026-01-01T00:00:00.000Z',
    } satisfies TEdgeNode;
    const r = nodeBody(nodeFormFrom(node));
    expect(r.ok && r.body).toEqual({ name: 'muc-1', latitude: 48.1, longitude: 11.5, address: 'Leopoldstraße 1', province: 'Bayern', city: 'München', district: 'Schwabing', groupId: null, labels: { tier: 'gold' }, capacity: node.capacity, dataPlane: node.dataPlane, callbackAllowCidrs: ['10.20.0.0/16', 'fd00:20::/48'], runtime: { container: 'none', registries: [] } });
    const podman = { ...node, runtime: { container: 'podman' as const, registries: [{ host: '127.0.0.1:5055', tlsVerify: false }, { host: 'registry.example', tlsVerify: true }] } };
    const back = nodeBody(nodeFormFrom(podman));
    expect(back.ok && back.body.runtime).toEqual(podman.runtime);
  });

  it('sends the container runtime with its registries, leaving out rows without a host, and names a bad host', () => {
    expect(nodeBody(filled)).toMatchObject({ ok: true, body: { runtime: { container: 'none', registries: [] } } });
    const r = nodeBody({ ...filled, containerRuntime: 'podman', registries: [{ host: ' 127.0.0.1:5055 ', tlsVerify: false }, { host: '  ', tlsVerify: true }] });
    expect(r.ok && r.body.runtime).toEqual({ container: 'podman', registries: [{ host: '127.0.0.1:5055', tlsVerify: false }] });
    const bad = nodeBody({ ...filled, containerRuntime: 'podman', registries: [{ host: 'https://registry.example/', tlsVerify: true }] });
    expect(bad).toMatchObject({ ok: false, errors: { registries: 'invalid' } });
    expect(serverNodeErrors([{ in: 'body', field: 'runtime.registries.0.host', message: 'a registry is a host name' }])).toEqual({ registries: 'a registry is a host name' });
  });
});
