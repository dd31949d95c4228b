/**
 * The portal writes a verified package into `<host dir>/inbox/` and names it in PUT .../deployment;
 * the host checks its SHA-256 again and moves it into the site's directory (removed with the site).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@mecport/contracts';
import type { THostDeploy } from '@mecport/contracts/sandbox';

export async function takePackage(inboxDir: string, siteDir: string, deploy: THostDeploy): Promise<string> {
  const from = path.join(inboxDir, deploy.packageFile);
  const actual = await sha256Of(from);
  if (actual !== deploy.packageSha256) throw new AppError('bad-request', `The package ${deploy.packageFile} in the inbox has SHA-256 ${actual}, not ${deploy.packageSha256}`);
  const to = path.join(siteDir, 'packages', deploy.packageFile);
  await mkdir(path.dirname(to), { recursive: true });
  await rename(from, to);
  return to;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('bad-request', `No package ${path.basename(file)} in the sandbox host's inbox`);
    throw error;
  }
  return hash.digest('hex');
}
