import { describe, expect, it } from 'vitest';
import { assertPublicUrls, normaliseCallbackAllowCidrs } from './url-policy-fields';

describe('assertPublicUrls', () => {
  it('accepts public http(s) URLs, names and absent fields', () => {
    expect(() => assertPublicUrls({ iconUrl: 'https://img.example/icon.png', screenshots: ['https://93.184.215.14/1.png'], videoUrl: null })).not.toThrow();
    expect(() => assertPublicUrls({ iconUrl: undefined, screenshots: undefined })).not.toThrow();
  });

  it('names each refused field, screenshots by index, in every spelling of a non-public host', () => {
    const refused = () => assertPublicUrls({
      iconUrl: 'http://localhost:3000/icon.png',
      screenshots: ['https://img.example/ok.png', 'http://2130706433/x.png', 'http://[::ffff:a9fe:a9fe]/latest/meta-data/'],
      videoUrl: 'http://10.0.0.8/v.mp4',
    });
    expect(refused).toThrow(expect.objectContaining({
      code: 'validation',
      errors: [
        { in: 'body', field: 'iconUrl', message: expect.stringMatching(/loopback/) },
        { in: 'body', field: 'screenshots.1', message: expect.stringMatching(/loopback/) },
        { in: 'body', field: 'screenshots.2', message: expect.stringMatching(/link-local/) },
        { in: 'body', field: 'videoUrl', message: expect.stringMatching(/private/) },
      ],
    }));
  });
});

describe('normaliseCallbackAllowCidrs', () => {
  it('normalises and de-duplicates', () => {
    expect(normaliseCallbackAllowCidrs(['10.20.3.4/16', '10.20.0.0/16', 'FD00::/48'])).toEqual(['10.20.0.0/16', 'fd00::/48']);
  });

  it('names each refused entry by index', () => {
    expect(() => normaliseCallbackAllowCidrs(['10.0.0.0/8', '127.0.0.0/8', 'nope'])).toThrow(expect.objectContaining({
      code: 'validation',
      errors: [{ in: 'body', field: 'callbackAllowCidrs.1', message: expect.stringMatching(/loopback/) }, { in: 'body', field: 'callbackAllowCidrs.2', message: expect.stringMatching(/CIDR/) }],
    }));
  });
});
