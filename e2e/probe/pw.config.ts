import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: '.', timeout: 150_000, use: { baseURL: 'http://localhost:3100', launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] } } });
