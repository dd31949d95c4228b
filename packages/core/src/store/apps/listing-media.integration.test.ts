/** Listing media URLs (icon, screenshots, video) a browser fetches for every viewer: only public hosts are saved. */
import { getPrisma } from '@mecport/db';
import { describe, expect, it } from 'vitest';
import { freshDeveloper, newApp } from '../../testing/store-fixtures';
import { getApp } from './get-app';
import { updateApp } from './update-app';

const prisma = getPrisma();

describe('listing media URLs', () => {
  it('refuses a non-public host at create and at update, naming the field, and saves nothing', async () => {
    const dev = await freshDeveloper(prisma);
    await expect(newApp(prisma, dev, { screenshots: ['https://img.example/1.png', 'http://127.0.0.1:3000/api/health'] })).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'screenshots.1' }] });
    const app = await newApp(prisma, dev, { iconUrl: 'https://img.example/icon.png' });
    await expect(updateApp(prisma, dev, app.id, { videoUrl: 'http://169.254.169.254/latest/meta-data/' })).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'videoUrl', message: expect.stringMatching(/link-local/) }] });
    await expect(updateApp(prisma, dev, app.id, { iconUrl: 'http://0x7f000001:54329/' })).rejects.toMatchObject({ errors: [{ field: 'iconUrl', message: expect.stringMatching(/loopback/) }] });
    expect(await getApp(prisma, dev.tenant.id, app.id)).toMatchObject({ iconUrl: 'https://img.example/icon.png', videoUrl: null, screenshots: [] });
  });
});
