/** Zod schemas of the files the agent keeps in its data dir (its own format, not a contract). */
import { ZDesiredState, ZEd25519PublicJwk, EDGE_TOKEN_AUDIENCE } from '@mecport/contracts';
import { z } from 'zod';

/** What enrolment gave the agent; the private key is beside it in node-key.pem (mode 0600). */
export const ZCredentials = z.object({
  portalUrl: z.string().url(),
  nodeId: z.string().uuid(),
  nodeName: z.string(),
  credentialId: z.string().uuid(),
  audience: z.literal(EDGE_TOKEN_AUDIENCE),
  heartbeatIntervalSec: z.number().int().min(1),
  publicKey: ZEd25519PublicJwk,
  enrolledAt: z.string(),
});
export type TCredentials = z.infer<typeof ZCredentials>;

/** The document in effect: the last revision applied completely. */
export const ZApplied = z.object({ document: ZDesiredState, appliedAt: z.string() });
export type TApplied = z.infer<typeof ZApplied>;

/**
 * Present only while a revision is being applied. After a crash the agent finds it and either
 * completes `target` or returns to `previous` (null: nothing was applied before).
 */
export const ZJournal = z.object({ target: ZDesiredState, previous: ZDesiredState.nullable(), startedAt: z.string() });
export type TJournal = z.infer<typeof ZJournal>;

export const CHANNEL_STATES = ['connecting', 'online', 'offline', 'revoked'] as const;
/** How the edge channel is doing, for `mecport-agent status` (written on every change of state). */
export const ZChannelStatus = z.object({
  state: z.enum(CHANNEL_STATES),
  since: z.string(),
  message: z.string().nullable(),
  lastApply: z.object({ revision: z.number().int(), outcome: z.enum(['applied', 'failed']), message: z.string().nullable(), at: z.string() }).nullable().default(null),
});
export type TChannelStatus = z.infer<typeof ZChannelStatus>;

/** The running agent: its pid with the start time that tells a reused pid apart, and where Mp1 is. */
export const ZAgentPid = z.object({
  pid: z.number().int(), startTicks: z.string(), bootId: z.string(), startedAt: z.string(), mp1Url: z.string(),
  /** The DNS server (absent: none); `error` when it could not listen. */
  dns: z.object({ address: z.string(), upstreams: z.array(z.string()), error: z.string().optional() }).optional(),
});
