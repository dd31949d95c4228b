/**
 * One built JSON answer as the portal keeps it: its UTF-8 bytes, encoded once (the map's
 * 10,000-node answer is about 1 MB: encoding it per request cost a few ms and a 1 MB copy each
 * time), and a weak ETag of them.
 *
 * The ETag is a hash of the content, not the cache version, so a re-read whose content did not
 * change (the map page re-reads every 15 s, the version moves every status step) still matches
 * `If-None-Match` and can be answered 304. Weak (`W/`): the same tag stands for the identity and
 * the gzip bytes, which are made once per answer, on the first read that accepts them.
 *
 * @example
 *   const answer = new CachedAnswer(JSON.stringify(list));
 *   answer.etag;    // 'W/"…"'
 *   answer.bytes;   // Uint8Array, the body
 *   answer.gzipped; // the same, gzipped (made on first use, then kept)
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export class CachedAnswer {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  #gzipped: Uint8Array<ArrayBuffer> | undefined;

  constructor(json: string) {
    this.bytes = new TextEncoder().encode(json);
    this.etag = `W/"${createHash('sha256').update(this.bytes).digest('base64url').slice(0, 27)}"`;
  }

  /** The bytes gzipped, once for every reader of this answer (the 10,000-node map: ~1 MB to ~0.1 MB). */
  get gzipped(): Uint8Array<ArrayBuffer> {
    this.#gzipped ??= new Uint8Array(gzipSync(this.bytes));
    return this.#gzipped;
  }

  /** The JSON text (decoded again: only tests and rare callers need it, so only the bytes are kept). */
  get json(): string {
    return new TextDecoder().decode(this.bytes);
  }

  /** Same content as `other` (a rebuild that changed nothing keeps the earlier answer and its ETag). */
  equals(other: CachedAnswer): boolean {
    return other.etag === this.etag && Buffer.compare(other.bytes, this.bytes) === 0;
  }
}
