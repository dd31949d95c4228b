/** Every control route: `Authorization: Bearer <MECPORT_SANDBOX_HOST_SECRET>`, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@mecport/contracts';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function secretChecker(secret: string): (authorization: string | undefined) => void {
  const expected = digest(secret);
  return (authorization) => {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    // Digests have one length whatever was sent, so the comparison time says nothing about the secret.
    if (token === undefined || !timingSafeEqual(digest(token), expected)) {
      throw new AppError('unauthenticated', 'Send the sandbox host secret as a bearer token');
    }
  };
}
