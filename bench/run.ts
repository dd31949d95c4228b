/** `npm run bench`: starts the stack on benchmark ports, runs every benchmark, prints the figures. */
import os from 'node:os';
import { apiLatency } from './api-latency.bench';
import { buildBenchPackage, packageValidation, removeBenchPackage } from './package-validation.bench';
import { startStack, stopStack } from './stack';
import { storeSearch } from './store-search.bench';
import { upload } from './upload.bench';

process.stdout.write(`MECport benchmarks on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
try {
  const pkg = await buildBenchPackage();
  await packageValidation(pkg);
  const stack = await startStack();
  try {
    await apiLatency();
    await upload(stack, pkg);
    await storeSearch();
  } finally {
    await stopStack(stack);
  }
} finally {
  removeBenchPackage();
}
