// @ts-check
// Plain JavaScript on purpose: a next.config.ts makes `next start` load SWC (27 MB resident) only to transpile this file.
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

/** @type {import('next').NextConfig} */
const config = {
  // Workspace libraries are consumed as TypeScript source.
  transpilePackages: ['@mecport/contracts', '@mecport/core', '@mecport/db', '@mecport/http', '@mecport/blob-store', '@mecport/url-policy'],
  // Prisma's pg adapter, pino, pg-boss and the tus server stay as plain Node modules on the server.
  serverExternalPackages: ['pg', 'pino', '@prisma/adapter-pg', 'pg-boss', '@tus/server', '@tus/file-store', '@tus/utils'],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() answers HTTP 403 for an area page the signed-in role may not see (src/server/page-access.ts).
  experimental: { authInterrupts: true },
};

export default withNextIntl(config);
