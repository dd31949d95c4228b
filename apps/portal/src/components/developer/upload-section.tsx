'use client';
/**
 * "Upload a version": a resumable tus upload of a package (useTusUpload) with progress, speed,
 * time left, pause/resume and cancel, then the app's uploads with their validation progress and
 * report. A dropped connection is retried ("reconnecting…"); after a page reload the unfinished
 * uploads this browser remembers are offered for continuing once the same file is chosen again.
 * When the endpoint does not answer OPTIONS with tus headers, the section says plainly that
 * upload is not there yet.
 */
import { ZAppVersionName } from '@mecport/contracts';
import { Alert, Button, FileInput, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useAuth } from '@/auth/auth-provider';
import type { TApiProblem } from '@/components/ui/api-problem';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { formatBytes } from '@/components/ui/format-bytes';
import { packageVersion } from './package-version';
import { PendingUploadsAlert } from './pending-uploads-alert';
import { uploadFingerprint, type TPendingUpload } from './pending-uploads';
import { UploadProgress, type TUploadOutcome } from './upload-progress';
import { UploadsList } from './uploads-list';
import { usePendingUploads } from './use-pending-uploads';
import { useTusUpload } from './use-tus-upload';

/** What the confirmation is about: the running upload, or an unfinished one from before a reload. */
type TCancelTarget = { kind: 'current' } | { kind: 'pending'; entry: TPendingUpload };

function Uploader({ appId, maxSize, outcomes, onFinished }: { appId: string; maxSize: number | null; outcomes: ReadonlyMap<string, TUploadOutcome>; onFinished: () => void }) {
  const t = useTranslations('developer.upload');
  const tUi = useTranslations('uiHardening.upload');
  const format = useFormatter();
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  // the version last read from a package: replaced by the next package's, never what the developer typed
  const lastRead = useRef<string | null>(null);
  const [readVersion, setReadVersion] = useState<string | null>(null);
  // how many chosen packages' manifests have been read (the version lands in the field then); tests wait on it
  const [packagesRead, setPackagesRead] = useState(0);
  const [versionError, setVersionError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<TCancelTarget | null>(null);
  const [wrongFileKey, setWrongFileKey] = useState<string | null>(null);
  const [pendingProblem, setPendingProblem] = useState<TApiProblem | null>(null);
  const { state, start, pause, resume, cancel, dismissProblem } = useTusUpload({ appId, onFinished });
  const settled = state.phase === 'idle' || state.phase === 'done';
  const { pending, discard } = usePendingUploads(appId, settled);

  const begin = (chosen: File, v: string) => {
    setWrongFileKey(null);
    setPendingProblem(null);
    void start(chosen, v);
  };

  const submit = () => {
    const v = version.trim();
    const okVersion = ZAppVersionName.safeParse(v).success;
    const okSize = !!file && (maxSize === null || file.size <= maxSize);
    setVersionError(okVersion ? null : t('versionInvalid'));
    setFileError(file ? (okSize ? null : t('tooBig', { max: formatBytes(maxSize ?? 0, format) })) : t('fileRequired'));
    if (file && okVersion && okSize) begin(file, v);
  };

  // the same file chosen again continues the unfinished upload; another file is refused
  const continueWith = (entry: TPendingUpload, chosen: File) => {
    if (uploadFingerprint(appId, entry.version, chosen) !== entry.fingerprint) { setWrongFileKey(entry.key); return; }
    setFile(chosen);
    setVersion(entry.version);
    setVersionError(null);
    setFileError(null);
    begin(chosen, entry.version);
  };

  // choosing a remembered file in the form fills in the version it was uploading as; any other
  // package fills in the version its manifest names
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setFileError(null);
    const match = chosen && pending.find((p) => uploadFingerprint(appId, p.version, chosen) === p.fingerprint);
    if (match && version.trim() === '') setVersion(match.version);
    if (!chosen || match) return;
    void packageVersion(chosen).finally(() => setPackagesRead((n) => n + 1)).then((read) => {
      if (!read) return;
      const previous = lastRead.current;
      lastRead.current = read;
      setReadVersion(read);
      setVersion((current) => (current.trim() === '' || current === previous ? read : current));
      setVersionError(null);
    });
  };

  const confirmCancel = async () => {
    const target = confirm;
    setConfirm(null);
    if (target?.kind === 'current') await cancel();
    if (target?.kind === 'pending') setPendingProblem(await discard(target.entry));
  };

  const busy = !settled;
  return (
    <Stack gap="sm" data-testid="uploader">
      {settled && <PendingUploadsAlert pending={pending} wrongFileKey={wrongFileKey} onChoose={continueWith} onCancel={(entry) => setConfirm({ kind: 'pending', entry })} />}
      {pendingProblem && <ProblemAlert heading={t('failed')} problem={pendingProblem} testId="upload-pending-error" onClose={() => setPendingProblem(null)} />}
      <Group align="flex-start" gap="sm">
        <FileInput label={t('file')} placeholder={t('filePlaceholder')} accept=".csar,.zip,application/zip" value={file} onChange={choose}
          error={fileError} disabled={busy} clearable w={320} data-testid="upload-file" />
        <TextInput label={t('version')} placeholder="1.0.0" value={version} onChange={(e) => { setVersion(e.currentTarget.value); setVersionError(null); }}
          description={version !== '' && version === readVersion ? tUi('versionFromPackage') : undefined}
          error={versionError} disabled={busy} maxLength={64} w={160} data-testid="upload-version" data-from-package={version !== '' && version === readVersion} data-package-version={readVersion ?? ''} data-packages-read={packagesRead} />
        <Button mt={25} leftSection={<IconUpload size={16} aria-hidden="true" />} onClick={submit} disabled={busy} data-testid="upload-start">{t('start')}</Button>
      </Group>
      {state.phase !== 'idle' && (
        <UploadProgress state={state} outcome={state.uploadId ? outcomes.get(state.uploadId) : undefined} onPause={() => void pause()} onResume={resume} onCancel={() => setConfirm({ kind: 'current' })} />
      )}
      {state.problem && <ProblemAlert heading={t('failed')} problem={state.problem} testId="upload-error" onClose={dismissProblem} />}
      <ConfirmModal opened={confirm !== null} title={t('cancelTitle')} body={t('cancelBody')} confirmLabel={t('cancel')} onConfirm={() => void confirmCancel()} onCancel={() => setConfirm(null)} />
    </Stack>
  );
}

export function UploadSection({ appId, onVersionsChanged }: { appId: string; onVersionsChanged: () => void }) {
  const t = useTranslations('developer.upload');
  const [tusInfo, setTusInfo] = useState<{ version: string; maxSize: number | null } | null | undefined>(undefined);
  const [refresh, setRefresh] = useState(0);
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, TUploadOutcome>>(new Map());
  const { apiFetch } = useAuth();
  useEffect(() => {
    let live = true;
    // the endpoint answers OPTIONS to signed-in developers only
    apiFetch('/api/v1/uploads', { method: 'OPTIONS', headers: { 'Tus-Resumable': '1.0.0' } })
      .then((r) => {
        if (!live) return;
        const version = r.ok ? r.headers.get('tus-version') : null;
        const max = Number(r.headers.get('tus-max-size'));
        setTusInfo(version ? { version, maxSize: Number.isFinite(max) && max > 0 ? max : null } : null);
      })
      .catch(() => live && setTusInfo(null));
    return () => { live = false; };
  }, [apiFetch]);
  return (
    <Stack gap="sm" component="section" data-testid="upload-section" data-tus={tusInfo ? tusInfo.version : 'none'}>
      <Title order={2} size="h3">{t('title')}</Title>
      {tusInfo === null && (
        <Alert color="blue" variant="light" icon={<IconUpload aria-hidden="true" />} data-testid="upload-not-built">
          <Text size="sm">{t('notYet')}</Text>
        </Alert>
      )}
      {tusInfo && (
        <>
          <Text size="sm" c="dimmed">{t('help')}</Text>
          <Uploader appId={appId} maxSize={tusInfo.maxSize} outcomes={outcomes} onFinished={() => setRefresh((n) => n + 1)} />
          <UploadsList appId={appId} refresh={refresh} onValidated={onVersionsChanged} onUploads={setOutcomes} />
        </>
      )}
    </Stack>
  );
}
