import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const config: NextConfig = {
  // Workspace libraries are consumed as TypeScript source.
  transpilePackages: ['@mecport/contracts', '@mecport/core', '@mecport/db', '@mecport/http'],
  // Prisma's pg adapter and pino stay as plain Node modules on the server.
  serverExternalPackages: ['pg', 'pino', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(config);
