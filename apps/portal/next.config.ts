import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const config: NextConfig = {
  // Workspace libraries are consumed as TypeScript source.
  transpilePackages: ['@mecport/contracts', '@mecport/core', '@mecport/db', '@mecport/http', '@mecport/blob-store'],
  // Prisma's pg adapter, pino, pg-boss and the tus server stay as plain Node modules on the server.
  serverExternalPackages: ['pg', 'pino', '@prisma/adapter-pg', 'pg-boss', '@tus/server', '@tus/file-store'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(config);
