/**
 * Fails when something already listens on a port: a health check waited for on that port would pass
 * for the other server (another checkout's stack, a helper's bench), and the run would measure or
 * test the wrong thing.
 *
 * @example await assertPortsFree([3200, 3201], 'bench/stack.ts lists the bench ports');
 */
import { createServer } from 'node:net';

export async function assertPortFree(port: number, hint: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`port ${port} is taken (${hint}): ${error.message}`)));
    server.listen(port, () => resolve());
  });
  await new Promise((resolve) => server.close(resolve));
}

export async function assertPortsFree(ports: readonly number[], hint: string): Promise<void> {
  for (const port of ports) await assertPortFree(port, hint);
}
