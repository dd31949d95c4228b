/**
 * The nftables data plane's settings: the node's `dataPlane.settings` (strings, from the desired
 * state), validated once when the adapter is built. Unknown keys are refused so a typo does not
 * silently fall back to a default.
 *
 * @example ZNftablesSettings.parse({ netns: 'edge-breakout' }) // every nft command runs inside that namespace
 */
import { z } from 'zod';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export const ZNftablesSettings = z.strictObject({
  /** Run every nft command inside this named network namespace (`ip netns exec <netns> nft ...`). */
  netns: z.string().regex(NAME, 'a network namespace name is 1-64 letters, digits, dots, underscores or dashes').optional(),
  /** The nft binary (default `nft`, looked up on PATH). */
  nftPath: z.string().min(1).max(256).default('nft'),
  /** The ip binary, used only with `netns` (default `ip`). */
  ipPath: z.string().min(1).max(256).default('ip'),
});
export type TNftablesSettings = z.infer<typeof ZNftablesSettings>;
