/**
 * ETSI MEC 011 v2.1.1 (Mp1) data models as zod schemas: what the Mp1 API validates and answers,
 * and the TrafficRule/DnsRule model the portal and the agent share (see `../mp1-rules.ts`).
 * Served as the subpath `@mecport/contracts/mec011` so that a host (the MEP agent through
 * `@mecport/mp1`) loads these models and zod, not every schema of the contracts index
 * (ADR 0005: the index costs the agent about 16 MB of resident memory).
 *
 * @example import { ZTrafficRule, type TTrafficRule } from '@mecport/contracts/mec011';
 */
export * from './common';
export * from './app-support';
export * from './service-mgmt';
