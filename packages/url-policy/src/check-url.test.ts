/** The decision over the spellings an attacker would try. Pure: nothing here sends a byte or asks DNS. */
import { describe, expect, it } from 'vitest';
import { checkUrl, checkUrlText, type TLookup } from './check-url';
import type { TUrlPolicy } from './policy';

const CALLBACKS: TUrlPolicy = { allowPublic: false, loopbackPorts: [8090] };
const MEDIA: TUrlPolicy = { allowPublic: true };

const refusedEverywhere = [
  // loopback, in every spelling
  'http://127.0.0.1:3000/api/health', 'http://127.1:3000/', 'http://2130706433:3000/', 'http://0x7f000001:3000/',
  'http://0177.0.0.1:3000/', 'http://0x7f.1:3000/', 'http://017700000001:3000/', 'http://127.255.255.254:3000/',
  'http://[::1]:3000/', 'http://[::ffff:127.0.0.1]:3000/', 'http://[::ffff:7f00:1]:3000/', 'http://[0:0:0:0:0:ffff:7f00:1]:3000/',
  'http://localhost:54329/', 'http://LOCALHOST.:54329/', 'http://db.localhost:54329/',
  // link-local (cloud metadata), in several spellings
  'http://169.254.169.254/latest/meta-data/', 'http://2852039166/latest/meta-data/', 'http://0xa9fea9fe/', 'http://0251.0376.0251.0376/',
  'http://[::ffff:169.254.169.254]/', 'http://[fe80::1]/', 'http://[fe80::1%25eth0]/',
  // private, unique-local, CGNAT
  'http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/', 'http://0xc0a80101/', 'http://[::ffff:10.1.2.3]/',
  'http://[fc00::1]/', 'http://[fd12:3456::1]/', 'http://100.64.0.1/', 'http://100.127.255.254/',
  // unspecified, multicast, broadcast, special-purpose
  'http://0.0.0.0:3000/', 'http://0:3000/', 'http://[::]:3000/', 'http://224.0.0.1/', 'http://[ff02::1]/', 'http://255.255.255.255/',
  'http://192.0.2.10/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://[2002:a9fe:a9fe::1]/', 'http://240.0.0.1/',
];

describe('checkUrlText', () => {
  it.each(refusedEverywhere)('refuses %s for callbacks and for listing media', (url) => {
    expect(checkUrlText(url, CALLBACKS)).toMatchObject({ ok: false });
    expect(checkUrlText(url, MEDIA)).toMatchObject({ ok: false });
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', 'javascript:alert(1)', 'data:text/plain,hi'])('refuses the scheme of %s', (url) => {
    const verdict = checkUrlText(url, MEDIA);
    expect(verdict).toMatchObject({ ok: false });
    expect(!verdict.ok && verdict.reason).toMatch(/http or https/);
  });

  it('refuses text that is no absolute URL, and URLs with credentials', () => {
    expect(checkUrlText('/relative/path', MEDIA)).toEqual({ ok: false, reason: 'is not an absolute URL' });
    expect(checkUrlText('http://user:pw@example.com/', MEDIA)).toMatchObject({ ok: false, reason: expect.stringMatching(/user name or password/) });
  });

  it('allows loopback only on the declared ports, in any loopback spelling', () => {
    for (const url of ['http://127.0.0.1:8090/cb', 'http://127.1:8090/cb', 'http://[::1]:8090/cb', 'http://[::ffff:127.0.0.1]:8090/', 'http://localhost:8090/']) {
      expect(checkUrlText(url, CALLBACKS), url).toMatchObject({ ok: true });
    }
    expect(checkUrlText('http://127.0.0.1:8091/cb', CALLBACKS)).toMatchObject({ ok: false, reason: expect.stringMatching(/port 8091 is not allowed.*8090/) });
    expect(checkUrlText('http://127.0.0.1/cb', CALLBACKS)).toMatchObject({ ok: false, reason: expect.stringMatching(/port 80 /) });
    expect(checkUrlText('http://127.0.0.1:8090/', MEDIA)).toMatchObject({ ok: false });
  });

  it('says which address a spelling means', () => {
    const verdict = checkUrlText('http://2130706433:3000/', CALLBACKS);
    expect(!verdict.ok && verdict.reason).toMatch(/^127\.0\.0\.1 is a loopback address/);
    const mapped = checkUrlText('http://[::ffff:a9fe:a9fe]/', CALLBACKS);
    expect(!mapped.ok && mapped.reason).toMatch(/^\[::ffff:a9fe:a9fe\] means 169\.254\.169\.254 is a link-local address/);
  });

  it('allows public addresses for listing media but not for callbacks outside the allow-list', () => {
    expect(checkUrlText('https://93.184.215.14/shot.png', MEDIA)).toMatchObject({ ok: true });
    expect(checkUrlText('https://[2606:4700::1111]/shot.png', MEDIA)).toMatchObject({ ok: true });
    expect(checkUrlText('https://93.184.215.14/cb', CALLBACKS)).toMatchObject({ ok: false, reason: expect.stringMatching(/public address outside/) });
  });

  it('opens operator allow-listed ranges, and nothing next to them', () => {
    const policy: TUrlPolicy = { allowPublic: false, allowCidrs: ['10.20.0.0/16', 'fd00:20::/48'] };
    expect(checkUrlText('http://10.20.3.4:9000/cb', policy)).toMatchObject({ ok: true });
    expect(checkUrlText('http://[::ffff:10.20.3.4]:9000/cb', policy)).toMatchObject({ ok: true });
    expect(checkUrlText('http://[fd00:20::7]:9000/cb', policy)).toMatchObject({ ok: true });
    expect(checkUrlText('http://10.21.0.1:9000/cb', policy)).toMatchObject({ ok: false });
    expect(checkUrlText('http://169.254.169.254/', policy)).toMatchObject({ ok: false });
  });

  it('ignores allow-list entries that may not be allowed (loopback, malformed)', () => {
    const policy: TUrlPolicy = { allowPublic: false, allowCidrs: ['127.0.0.0/8', 'not a range', '0.0.0.0/0'] };
    expect(checkUrlText('http://127.0.0.1:3000/', policy)).toMatchObject({ ok: false });
    expect(checkUrlText('http://8.8.8.8/', policy)).toMatchObject({ ok: false });
  });

  it('leaves other names to resolution', () => {
    expect(checkUrlText('http://cb.example.test:8090/x', CALLBACKS)).toMatchObject({ ok: true, target: { port: 8090, host: { name: 'cb.example.test' } } });
  });
});

describe('checkUrl (names, with a fake resolver)', () => {
  const resolver = (table: Record<string, string[]>): TLookup => (name) => {
    const found = table[name];
    return found ? Promise.resolve(found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))) : Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
  };
  const lookup = resolver({
    'app.test': ['127.0.0.1'], 'metadata.test': ['169.254.169.254'], 'mixed.test': ['10.20.0.5', '192.168.0.9'],
    'v6.test': ['::ffff:127.0.0.1', '::1'], 'partner.test': ['10.20.0.5'],
  });

  it('judges every address a name resolves to, and answers them for the connection', async () => {
    await expect(checkUrl('http://app.test:8090/cb', CALLBACKS, lookup)).resolves.toMatchObject({ ok: true, port: 8090, addresses: [{ address: '127.0.0.1' }] });
    await expect(checkUrl('http://v6.test:8090/cb', CALLBACKS, lookup)).resolves.toMatchObject({ ok: true, addresses: [{ address: '127.0.0.1' }, { address: '::1' }] });
    await expect(checkUrl('http://app.test:3000/cb', CALLBACKS, lookup)).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/^app\.test resolves to 127\.0\.0\.1 is a loopback/) });
    await expect(checkUrl('http://metadata.test/', MEDIA, lookup)).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/link-local/) });
  });

  it('refuses a name when any one of its addresses is refused', async () => {
    const policy: TUrlPolicy = { allowPublic: false, allowCidrs: ['10.20.0.0/16'] };
    await expect(checkUrl('http://partner.test/', policy, lookup)).resolves.toMatchObject({ ok: true });
    await expect(checkUrl('http://mixed.test/', policy, lookup)).resolves.toMatchObject({ ok: false, reason: expect.stringMatching(/192\.168\.0\.9/) });
  });

  it('refuses a name that does not resolve', async () => {
    await expect(checkUrl('http://nowhere.test/', MEDIA, lookup)).resolves.toEqual({ ok: false, reason: 'nowhere.test does not resolve (ENOTFOUND)' });
  });

  it('never asks the resolver about a literal address or a localhost name', async () => {
    const asked: string[] = [];
    const spy: TLookup = (name) => (asked.push(name), Promise.resolve([]));
    await checkUrl('http://127.0.0.1:8090/', CALLBACKS, spy);
    await checkUrl('http://localhost:8090/', CALLBACKS, spy);
    expect(asked).toEqual([]);
  });
});
