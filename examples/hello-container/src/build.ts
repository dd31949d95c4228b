/**
 * `npm run build -w @mecport/example-hello-container`: dist/package/ and
 * dist/hello-container-1.0.0.csar (see build-sample.ts). Without busybox-static it prints why the
 * sample is skipped and exits 0, so `npm start` and CI builds go on without it.
 */
import { buildSample } from './build-sample';

const built = await buildSample();
if ('unavailable' in built) process.stdout.write(`hello-container: skipped: ${built.unavailable}\n`);
else process.stdout.write(`hello-container: ${built.csar} (image ${built.image.name} ${built.image.digest})\n`);
