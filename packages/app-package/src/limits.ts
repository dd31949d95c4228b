/**
 * Limits the codec enforces while reading a package. Every one is configurable per call
 * (`validatePackage(path, { limits: { maxEntries: 500 } })`); the defaults fit real MEC
 * packages (VM images of several GB, a few thousand files) and refuse zip bombs.
 */
export interface TLimits {
  /** Most entries in one archive (central directory records, directories included). */
  maxEntries: number;
  /** Largest uncompressed size of one entry, as declared and as really streamed. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed sizes over the whole archive. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of one entry ... */
  maxCompressionRatio: number;
  /** ... checked only for entries at least this large (tiny files compress absurdly well). */
  ratioMinBytes: number;
  /** Largest TOSCA.meta (or APPD/TOSCA_VNFD.meta). */
  maxMetaBytes: number;
  /** Largest manifest (.mf), signature block included. */
  maxManifestBytes: number;
  /** Largest AppD YAML file, and largest zipped AppD (EdgeGallery `APPD/*.zip`). */
  maxAppdBytes: number;
  /** Largest signature (.cms) or certificate (.cert) file. */
  maxSignatureBytes: number;
}

export const DEFAULT_LIMITS: TLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 16 * 1024 ** 3,
  maxTotalBytes: 32 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioMinBytes: 1024 ** 2,
  maxMetaBytes: 64 * 1024,
  maxManifestBytes: 4 * 1024 ** 2,
  maxAppdBytes: 4 * 1024 ** 2,
  maxSignatureBytes: 1024 ** 2,
};

export function resolveLimits(partial: Partial<TLimits> | undefined): TLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
