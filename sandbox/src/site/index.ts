/** One sandbox (`TSite`): engine and clock, emulated services, the MEC API gateway with its record and rate limit, and the real MEP agent in sandbox mode. */
export { createSite, createSiteWith, type TCreateSiteExtras } from './create-site';
export type { TCreateSite, TPageOf, TSite, TSiteLogLine, TSiteOptions, TSiteUpdate } from './site';
