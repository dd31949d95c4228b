/**
 * What the reliability tests start from, on the throwaway database: an operator (a person with a
 * real signed access token from a local issuer), published app versions to roll out, and enrolled
 * nodes whose agents sign their own tokens (core's test fixtures, the way the real agent enrols).
 */
import { randomUUID } from 'node:crypto';
import { resolveActor, type TActor } from '@mecport/core';
import type { DbClient } from '@mecport/db';
import type { TLocalIssuer } from '../../../../packages/http/src/test-support/local-issuer';
import { enrolNode, newNode, type TEnrolled } from '../../../../packages/core/src/testing/edge-fixtures';
import { freshIdentity } from '../../../../packages/core/src/testing/identities';
import { freshDeveloper, newApp, newVersion } from '../../../../packages/core/src/testing/store-fixtures';

export interface TOperator { actor: TActor; token(): Promise<string> }

/** An operator of a fresh tenant, and its access token as the identity provider would sign it. */
export async function operatorWithToken(db: DbClient, issuer: TLocalIssuer): Promise<TOperator> {
  const identity = freshIdentity({}, ['operator']);
  const actor = await resolveActor(db, identity);
  const claims = { sub: identity.subject, preferred_username: identity.username, tenant: identity.tenant, realm_access: { roles: identity.roles } };
  return { actor, token: () => issuer.sign(claims) };
}

/** One published version of each of `count` new apps (their packages are not stored: no declared ports). */
export async function publishedVersions(db: DbClient, count: number): Promise<string[]> {
  const developer = await freshDeveloper(db);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const app = await newApp(db, developer, { slug: `rel-${randomUUID().slice(0, 8)}` });
    ids.push((await newVersion(db, developer, app.id, { publish: true })).id);
  }
  return ids;
}

/**
 * Transactions at once while enrolling: well under the client's pool of 10, so none waits past
 * Prisma's 2 s for a connection when the machine is busy (10 at once did, with the gateways and
 * another test file running).
 */
const ENROL_AT_ONCE = 4;

/** `count` nodes of the operator's tenant, each enrolled by its own agent key; a few at a time. */
export async function enrolledNodes(db: DbClient, operator: TActor, count: number): Promise<TEnrolled[]> {
  const nodes: TEnrolled[] = [];
  for (let i = 0; i < count; i += ENROL_AT_ONCE) {
    const chunk = Array.from({ length: Math.min(ENROL_AT_ONCE, count - i) }, async () => enrolNode(db, operator, (await newNode(db, operator)).id));
    nodes.push(...(await Promise.all(chunk)));
  }
  return nodes;
}
