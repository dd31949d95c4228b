/**
 * What one validation run carries through its steps: the check list, the limits, the trust
 * store and the progress counter.
 */
import type { X509Certificate } from 'node:crypto';
import type { TLimits } from './limits';
import type { CheckList } from './report';

export interface TProgress {
  /** `package`: the package's own sha256; `entries`: manifest digests; `signature`: option 2 content. */
  phase: 'package' | 'entries' | 'signature';
  /** Bytes hashed so far over all phases. */
  bytesDone: number;
  /** Bytes to hash over all phases; grows once the manifest says which entries to hash. */
  bytesTotal: number;
  /** The entry being hashed, in the `entries` phase. */
  entry?: string;
}

export type TProgressCallback = (progress: TProgress) => void;

const STEP = 1024 * 1024;

/** Counts hashed bytes and calls back at most once per MiB (and at each phase end). */
export class ProgressCounter {
  bytesDone = 0;
  bytesTotal = 0;
  private lastReported = 0;

  constructor(private readonly callback: TProgressCallback | undefined) {}

  expect(bytes: number): void { this.bytesTotal += bytes; }

  add(bytes: number, phase: TProgress['phase'], entry?: string, force = false): void {
    this.bytesDone += bytes;
    if (!this.callback) return;
    if (!force && this.bytesDone - this.lastReported < STEP) return;
    this.lastReported = this.bytesDone;
    this.callback({ phase, bytesDone: this.bytesDone, bytesTotal: Math.max(this.bytesTotal, this.bytesDone), ...(entry ? { entry } : {}) });
  }
}

export interface TContext {
  checks: CheckList;
  limits: TLimits;
  trust: X509Certificate[];
  now: Date;
  progress: ProgressCounter;
  /** Unsigned packages fail `security.integrity`. */
  requireSignature: boolean;
  /** Untrusted signers fail `signature.trust` instead of warning. */
  requireTrustedSignature: boolean;
}
