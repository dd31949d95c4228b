'use client';
/**
 * Comments on an app: newest first with "load more"; signed-in users add one, and delete their
 * own after confirming. The API does not say who wrote a comment beyond the author's name, so
 * the delete button shows on comments carrying the viewer's name (the server answers 404 for
 * anyone else's).
 */
import type { TComment } from '@mecport/contracts';
import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, readProblem, type TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { usePagedList } from '@/hooks/use-paged-list';

const PAGE = 10;

// Public reads: the browser's fetch, no token needed. New comments go on top while paging, so
// a later page may repeat one already shown.
const PUBLIC_JSON = { fetch: (path: string, init?: RequestInit) => fetch(path, init), init: { headers: { Accept: 'application/json' } }, keyOf: (c: TComment) => c.id };

export function Comments({ appId }: { appId: string }) {
  const t = useTranslations('store.comments');
  const format = useFormatter();
  const { status, me, apiFetch, login } = useAuth();
  const { items, setItems, nextCursor: next, problem, loadMore } = usePagedList<TComment>(`/api/v1/store/apps/${appId}/comments?limit=${PAGE}`, PUBLIC_JSON);
  const [body, setBody] = useState('');
  const [bodyError, setBodyError] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const [postProblem, setPostProblem] = useState<TApiProblem | null>(null);
  const [toDelete, setToDelete] = useState<TComment | null>(null);
  const [deleting, setDeleting] = useState(false);

  const post = async (e: React.FormEvent) => {
    e.preventDefault();
    const text = body.trim();
    if (!text) { setBodyError(t('required')); return; }
    if (text.length > 4000) { setBodyError(t('tooLong', { max: 4000 })); return; }
    setBodyError(null);
    setPosting(true);
    setPostProblem(null);
    try {
      const res = await apiFetch(`/api/v1/store/apps/${appId}/comments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body: text }) });
      if (!res.ok) {
        const pr = await readProblem(res);
        const field = pr.errors?.find((x) => x.field === 'body');
        if (field) setBodyError(field.message);
        else setPostProblem(pr);
        return;
      }
      const created = (await res.json()) as TComment;
      setItems((previous) => [created, ...(previous ?? [])]);
      setBody('');
    } catch (err) {
      setPostProblem(networkProblem(err));
    } finally {
      setPosting(false);
    }
  };

  const remove = async () => {
    if (!toDelete) return;
    setDeleting(true);
    try {
      const res = await apiFetch(`/api/v1/store/apps/${appId}/comments/${toDelete.id}`, { method: 'DELETE' });
      if (!res.ok) { setPostProblem(await readProblem(res)); return; }
      setItems((previous) => previous?.filter((c) => c.id !== toDelete.id) ?? null);
    } catch (err) {
      setPostProblem(networkProblem(err));
    } finally {
      setDeleting(false);
      setToDelete(null);
    }
  };

  return (
    <Stack gap="sm" data-testid="comments">
      <Title order={2} size="h3">{t('title')}</Title>
      {status === 'authenticated' ? (
        <Stack gap="xs" component="form" onSubmit={(e) => void post(e)} data-testid="comment-form">
          <Textarea label={t('yours')} placeholder={t('placeholder')} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={bodyError}
            autosize minRows={2} maxRows={8} maxLength={4000} data-testid="comment-input" />
          <Button type="submit" loading={posting} w="fit-content" data-testid="comment-submit">{t('post')}</Button>
        </Stack>
      ) : status === 'anonymous' ? (
        <Group gap="sm">
          <Text size="sm">{t('signInToComment')}</Text>
          <Button size="xs" variant="light" onClick={() => void login()}>{t('signIn')}</Button>
        </Group>
      ) : null}
      {postProblem && <ProblemAlert heading={t('failed')} problem={postProblem} testId="comment-error" onClose={() => setPostProblem(null)} />}
      {problem && <ProblemAlert heading={t('loadFailed')} problem={problem} testId="comments-load-error" />}
      {items?.length === 0 && <Text size="sm" c="dimmed" data-testid="comments-empty">{t('empty')}</Text>}
      {items?.map((c) => (
        <Card key={c.id} withBorder padding="sm" data-testid="comment" data-comment-id={c.id}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>{c.authorName} <Text span size="xs" c="dimmed" fw={400}>· {format.dateTime(new Date(c.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</Text></Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="comment-body">{c.body}</Text>
            </Stack>
            {status === 'authenticated' && me && c.authorName === me.name && (
              <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden="true" />} onClick={() => setToDelete(c)}
                data-testid="comment-delete" aria-label={t('deleteLabel', { author: c.authorName })}>
                {t('delete')}
              </Button>
            )}
          </Group>
        </Card>
      ))}
      {next && <Button variant="light" w="fit-content" onClick={loadMore} data-testid="comments-more">{t('more')}</Button>}
      <ConfirmModal opened={toDelete !== null} title={t('confirmTitle')} body={t('confirmBody')} confirmLabel={t('delete')} busy={deleting}
        onConfirm={() => void remove()} onCancel={() => setToDelete(null)} />
    </Stack>
  );
}
