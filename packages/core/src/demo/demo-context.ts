/**
 * What the demo import works with: the database, the blob store, the upload staging directory,
 * and the demo users as actors (the developer of a tenant uploads and publishes its apps).
 */
import { createHash } from 'node:crypto';
import type { TBlobStore } from '@mecport/blob-store';
import { DEMO_USERS, type DemoUser } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { resolveActor, type TActor } from '../identity';

export interface TDemoLog { info: (obj: object, msg?: string) => void; warn: (obj: object, msg?: string) => void }

export interface TDemoDeps {
  db: DbClient;
  blobs: TBlobStore;
  /** The tus staging directory; demo packages are staged there like uploads. */
  uploadsDir: string;
  log?: TDemoLog;
}

/** The demo user as domain code sees them (the seed created the profile and tenant). */
export function demoActor(db: DbClient, user: DemoUser): Promise<TActor> {
  return resolveActor(db, { subject: user.subject, username: user.username, name: user.name, email: user.email, tenant: user.tenant, roles: user.roles });
}

/** The tenant's demo developer. */
export function demoDeveloper(tenant: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.tenant === tenant && u.roles.includes('developer'));
  if (!user) throw new Error(`Demo tenant ${tenant} has no developer`);
  return user;
}

/**
 * A stable upload id (an RFC 9562 version 8 UUID from a sha256 of the name), so a later start finds
 * the upload an earlier one made instead of uploading the package again.
 *
 * @example demoUploadId('acme-mobile', 'edge-video-analytics', '1.2.0') // '3f0c…-…-8…'
 */
export function demoUploadId(...name: string[]): string {
  const bytes = createHash('sha256').update(`mecport-demo-upload:${name.join(':')}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
