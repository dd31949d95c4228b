/** The emulated MEC services of a sandbox (issue 13): MEC 013 Location and MEC 012 RNIS over the engine's world, and their notifier. */
export { createLocationService, type TEmulatedService, type TEmulatedServiceOptions } from './location/location-service';
export { LOCATION_BASE_PATH } from './location/location-models';
export { createRnisService, type TRnisServiceOptions } from './rnis/rnis-service';
export { EMULATED_RNIS_TYPES, RNIS_BASE_PATH } from './rnis/rnis-models';
export { createNotifier, type TNotification, type TNotificationRecord, type TNotifier, type TNotifierOptions, type TNotifierStats } from './notifier';
export { mecTimeStamp, mecTimeStampMs, type TMecTimeStamp } from './mec-time';
