/**
 * The sandbox host process (`npm start` runs it; README, "MEC sandbox"): the control API on
 * 127.0.0.1:MECPORT_SANDBOX_HOST_PORT for the portal, every sandbox's processes, namespaces and
 * files under MECPORT_SANDBOX_HOST_DIR. SIGTERM/SIGINT remove every site, then exit.
 */
import { createLogger } from '@mecport/http';
import { createSite } from '../site/create-site';
import { hostSettings } from './env';
import { startHost } from './start-host';

const settings = hostSettings();
const log = createLogger('sandbox-host', settings.logLevel);

// One sandbox's code failing in a timer or callback must not take the others down with the host.
process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught error in a sandbox; the host goes on'));
process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled rejection in a sandbox; the host goes on'));

try {
  const host = await startHost(settings, createSite, log);
  const stop = (signal: string): void => {
    log.info({ signal, sites: host.registry.size }, 'sandbox host stopping: removing every site');
    host.stop().then(() => log.flush(() => process.exit(0)), (error: unknown) => {
      log.error({ err: error }, 'the sandbox host did not stop cleanly');
      log.flush(() => process.exit(1));
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (error) {
  log.fatal({ err: error }, 'the sandbox host could not start');
  log.flush(() => process.exit(1));
}
