/** Comments on store apps: anyone signed in adds one, anyone reads them, the author deletes their own. */
import { AppError, type TComment, type TCommentCreate, type TCommentQuery } from '@mecport/contracts';
import type { DbClient } from '@mecport/db';
import { afterCursor, encodeCursor } from '../../shared/keyset-cursor';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { findStoreApp } from '../apps/find-app';
import { toComment } from './social-mappers';

export async function addComment(db: DbClient, actor: TActor, appId: string, input: TCommentCreate, requestId?: string): Promise<TComment> {
  return db.$transaction(async (tx) => {
    const app = await findStoreApp(tx, appId);
    const comment = await tx.comment.create({ data: { appId: app.id, subject: actor.subject, authorName: actor.name, body: input.body } });
    await recordAudit(tx, actor, { action: 'store.comment.add', target: { type: 'comment', id: comment.id }, data: { appId: app.id }, requestId });
    return toComment(comment);
  });
}

/** Newest first. */
export async function listComments(db: DbClient, appId: string, query: TCommentQuery): Promise<{ items: TComment[]; nextCursor: string | null }> {
  const app = await findStoreApp(db, appId);
  const rows = await db.comment.findMany({
    where: { appId: app.id, ...afterCursor(query.cursor) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toComment), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** Only the author may delete a comment; anyone else's (or a missing one) answers 404. */
export async function deleteComment(db: DbClient, actor: TActor, appId: string, commentId: string, requestId?: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.comment.deleteMany({ where: { id: commentId, appId, subject: actor.subject } });
    if (count !== 1) throw new AppError('not-found', `No comment ${commentId} of yours on app ${appId}`);
    await recordAudit(tx, actor, { action: 'store.comment.delete', target: { type: 'comment', id: commentId }, data: { appId }, requestId });
  });
}
