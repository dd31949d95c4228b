/**
 * The stack of a reliability test: a migrated throwaway database (packages/db), a local token
 * issuer, the portal's API in this process, and settings for real gateway processes on it.
 * Everything it starts, `close` stops; gateways are the test's own (gateway-process.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { disconnectPrisma, getPrisma, type DbClient } from '@mecport/db';
import { createThrowawayDatabase } from '@mecport/db/testing';
import { startLocalIssuer, type TLocalIssuer } from '../../../../packages/http/src/test-support/local-issuer';
import { freePort, type TGatewaySettings } from './gateway-process';
import { startPortalApi, type TPortalApi } from './portal-api';

export interface TReliabilityStack {
  db: DbClient;
  issuer: TLocalIssuer;
  portal: TPortalApi;
  /** Settings for a new gateway process on a free port of its own. */
  gatewaySettings(): Promise<TGatewaySettings>;
  close(): Promise<void>;
}

export async function startReliabilityStack(): Promise<TReliabilityStack> {
  const database = await createThrowawayDatabase();
  const issuer = await startLocalIssuer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mecport-reliability-'));
  // Read once by the API in this process (the portal) and by getPrisma.
  Object.assign(process.env, { DATABASE_URL: database.url, OIDC_ISSUER: issuer.issuer, MECPORT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const portal = await startPortalApi();
  return {
    db: getPrisma(), issuer, portal,
    gatewaySettings: async () => ({ port: await freePort(), databaseUrl: database.url, issuer: issuer.issuer, dataDir }),
    close: async () => {
      await portal.close();
      await issuer.close();
      await disconnectPrisma();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
