/** What one run of the demo import did; a run on an up-to-date database reports only zeros. */
export interface TDemoImportResult {
  /** Listings created (demo apps and sample apps). */
  appsCreated: number;
  /** Package files taken through upload and validation. */
  packagesUploaded: number;
  versionsPublished: number;
  /** Package files put back into the blob store after they went missing. */
  blobsRestored: number;
  /** What did not go as the demo data expects, one sentence each. */
  problems: string[];
}

export function emptyDemoResult(): TDemoImportResult {
  return { appsCreated: 0, packagesUploaded: 0, versionsPublished: 0, blobsRestored: 0, problems: [] };
}

export function countRestore(result: TDemoImportResult, what: string, outcome: 'present' | 'restored' | 'differs'): void {
  if (outcome === 'restored') result.blobsRestored += 1;
  if (outcome === 'differs') result.problems.push(`${what}: its package file is missing, and reproducing it gives other bytes than its version recorded`);
}
