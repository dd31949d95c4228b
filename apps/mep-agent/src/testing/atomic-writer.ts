/** Test child: rewrites one JSON file with writeJsonAtomic as fast as it can, until it is killed. */
import { writeJsonAtomic } from '../state/atomic-file';

const [path] = process.argv.slice(2);
if (!path) throw new Error('usage: atomic-writer <path>');
for (let seq = 1; ; seq += 1) {
  // Large enough that a torn write would be likely to be seen.
  await writeJsonAtomic(path, { seq, pad: String(seq % 10).repeat(256 * 1024) });
  if (seq === 1) process.stdout.write('started\n');
}
