/** Every entry of a zip, read back whole through the codec's own safe reader (small test packages only). */
import { DEFAULT_LIMITS } from '../limits';
import { CheckList } from '../report';
import { SafeZip } from '../zip/safe-zip';

export async function entriesOf(path: string): Promise<{ name: string; data: Buffer }[]> {
  const zip = (await SafeZip.open({ path }, DEFAULT_LIMITS, new CheckList()))!;
  const out = [];
  for (const e of zip.files) out.push({ name: e.name, data: await zip.read(e, 1 << 24) });
  zip.close();
  return out;
}
