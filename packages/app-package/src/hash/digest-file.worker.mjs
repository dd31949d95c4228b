// The worker thread behind digest-file.ts: hashes one whole file and posts the byte count as it
// goes, then the hex digest. Plain JavaScript, so it runs the same under tsx, vitest and node.
// Blocking reads are fine here: this thread does nothing else.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { path, algorithm, chunkBytes, reportBytes } = workerData;
const hash = createHash(algorithm);
const buffer = Buffer.allocUnsafeSlow(chunkBytes);
const fd = openSync(path, 'r');
try {
  let unreported = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, chunkBytes, null);
    if (n === 0) break;
    hash.update(n === chunkBytes ? buffer : buffer.subarray(0, n));
    unreported += n;
    if (unreported >= reportBytes) {
      parentPort.postMessage({ bytes: unreported });
      unreported = 0;
    }
  }
  if (unreported > 0) parentPort.postMessage({ bytes: unreported });
} finally {
  closeSync(fd);
}
parentPort.postMessage({ digest: hash.digest('hex') });
