/**
 * Builds a site's world (site-world.ts): the engine and clock for the scenario and seed, the
 * emulated Location and RNIS services over it at the gateway's root, and the notifier that sends
 * their notifications to the app (only to the app's side of the sandbox: its declared ports on
 * loopback, or its namespace's address) and hands every exchange to the call record.
 */
import type { TScenario, TSandboxClock } from '@mecport/contracts/sandbox';
import type { TUrlPolicy } from '@mecport/url-policy';
import { createClock, createEngine } from '../engine';
import { createLocationService, createNotifier, createRnisService, type TEmulatedService } from '../emulated';
import type { TNotificationCall, TSiteWorld } from './site-world';

export interface TSiteWorldOptions {
  scenario: TScenario;
  seed: number;
  clock: TSandboxClock;
  /** The gateway's root as the app reaches it: the services' resource URLs start with it. */
  apiRoot: string;
  /** Where notifications may go; the site fills in the app's ports once it knows them. */
  policy: TUrlPolicy;
  onNotification: (call: TNotificationCall) => void;
  log?: (error: unknown) => void;
}

export function createSiteWorld(options: TSiteWorldOptions): TSiteWorld {
  const engine = createEngine(options.scenario, options.seed);
  const clock = createClock(engine, options.clock);
  const notifier = createNotifier({ policy: options.policy, onExchange: options.onNotification });
  const serviceOptions = { engine, notifier, apiRoot: options.apiRoot, log: options.log };
  const services: TEmulatedService[] = [createLocationService(serviceOptions), createRnisService(serviceOptions)];
  const mounted = services.map((s) => ({ base: s.basePath, app: s.app }));
  return {
    engine,
    get running() {
      return clock.mode === 'real' && clock.running;
    },
    start: () => clock.start(),
    pause: () => clock.pause(),
    reset() {
      clock.reset();
      for (const service of services) service.reset();
    },
    run: (seconds) => clock.run(seconds),
    sync: () => clock.sync(),
    services: () => mounted,
    async close() {
      clock.stop();
      for (const service of services) service.close();
      await notifier.close();
    },
  };
}
