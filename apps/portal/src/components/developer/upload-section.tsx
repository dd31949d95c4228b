'use client';
/**
 * "Upload a version": a resumable tus upload of a package (tus-js-client against
 * /api/v1/uploads) with progress, speed, time left, pause/resume and cancel, then the app's
 * uploads with their validation progress and report. Choosing the same file again after a
 * network drop or a page reload resumes where the server stopped. When the endpoint does not
 * answer OPTIONS with tus headers, the section says plainly that upload is not there yet.
 */
import { ZAppVersionName } from '@mecport/contracts';
import { Alert, Button, FileInput, Group, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconUpload, IconX } from '@tabler/icons-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import * as tus from 'tus-js-client';
import { useAuth } from '@/auth/auth-provider';
import { networkProblem, type TApiProblem } from '@/components/store/api-problem';
import { ConfirmModal } from '@/components/store/confirm-modal';
import { ProblemAlert } from '@/components/store/problem-alert';
import { formatBytes } from '@/components/store/store-app-page';
import { UploadsList } from './uploads-list';
import { rate, sample, startMeter, timeLeft, type TMeter } from './upload-math';

const CHUNK = 64 * 1024 * 1024;

type TPhase = 'idle' | 'uploading' | 'paused' | 'done';

/** The problem in a tus error: the server's problem+json body when there is one. */
function tusProblem(error: Error): TApiProblem {
  const res = (error as tus.DetailedError).originalResponse;
  if (res) {
    try {
      const body = JSON.parse(res.getBody() || '{}') as Partial<TApiProblem>;
      return { title: body.title ?? `HTTP ${res.getStatus()}`, status: res.getStatus(), detail: body.detail, requestId: body.requestId ?? res.getHeader('x-request-id') ?? undefined, errors: body.errors };
    } catch {
      return { title: `HTTP ${res.getStatus()}`, status: res.getStatus(), detail: error.message };
    }
  }
  return networkProblem(error);
}

function Uploader({ appId, maxSize, onFinished }: { appId: string; maxSize: number | null; onFinished: () => void }) {
  const t = useTranslations('developer.upload');
  const format = useFormatter();
  const { token } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  const [versionError, setVersionError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<TPhase>('idle');
  const [sent, setSent] = useState(0);
  const [meter, setMeter] = useState<TMeter | null>(null);
  const [problem, setProblem] = useState<TApiProblem | null>(null);
  const [resumed, setResumed] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const upload = useRef<tus.Upload | null>(null);

  useEffect(() => () => { void upload.current?.abort(); }, []);

  const start = async () => {
    setProblem(null);
    setResumed(false);
    const v = version.trim();
    const okVersion = ZAppVersionName.safeParse(v).success;
    setVersionError(okVersion ? null : t('versionInvalid'));
    setFileError(file ? (maxSize !== null && file.size > maxSize ? t('tooBig', { max: formatBytes(maxSize, format) }) : null) : t('fileRequired'));
    if (!file || !okVersion || (maxSize !== null && file.size > maxSize)) return;
    const u = new tus.Upload(file, {
      endpoint: '/api/v1/uploads',
      chunkSize: CHUNK,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata: { appId, version: v, filename: file.name },
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      // the same file for the same app and version resumes an earlier upload (after a reload, too)
      fingerprint: async (f) => ['mecport', appId, v, (f as File).name, (f as File).size, (f as File).lastModified].join(':'),
      removeFingerprintOnSuccess: true,
      onProgress: (bytes) => {
        setSent(bytes);
        setMeter((m) => sample(m ?? startMeter(Date.now(), bytes), Date.now(), bytes));
      },
      onError: (e) => { setPhase('paused'); setProblem(tusProblem(e)); },
      onSuccess: () => { setPhase('done'); upload.current = null; onFinished(); },
    });
    const previous = await u.findPreviousUploads();
    if (previous.length > 0) { u.resumeFromPreviousUpload(previous[0]!); setResumed(true); }
    upload.current = u;
    setSent(0);
    setMeter(startMeter(Date.now(), 0));
    setPhase('uploading');
    u.start();
  };

  const pause = async () => { await upload.current?.abort(); setPhase('paused'); };
  const resume = () => { setProblem(null); setMeter(startMeter(Date.now(), sent)); setPhase('uploading'); upload.current?.start(); };
  const cancel = async () => {
    setConfirmCancel(false);
    const u = upload.current;
    upload.current = null;
    try {
      // abort(true) also deletes the upload on the server (tus termination)
      if (u?.url) await u.abort(true); else await u?.abort();
    } catch (e) {
      setProblem(tusProblem(e as Error));
    }
    setPhase('idle');
    setSent(0);
    setMeter(null);
    onFinished();
  };

  const total = file?.size ?? 0;
  const percent = total > 0 ? Math.min(100, (sent / total) * 100) : 0;
  const speed = meter ? rate(meter) : 0;
  const left = meter && phase === 'uploading' ? timeLeft(meter, total) : null;
  const busy = phase === 'uploading' || phase === 'paused';

  return (
    <Stack gap="sm" data-testid="uploader">
      <Group align="flex-start" gap="sm">
        <FileInput label={t('file')} placeholder={t('filePlaceholder')} accept=".csar,.zip,application/zip" value={file} onChange={(f) => { setFile(f); setFileError(null); setPhase('idle'); }}
          error={fileError} disabled={busy} clearable w={320} data-testid="upload-file" />
        <TextInput label={t('version')} placeholder="1.0.0" value={version} onChange={(e) => { setVersion(e.currentTarget.value); setVersionError(null); }}
          error={versionError} disabled={busy} maxLength={64} w={160} data-testid="upload-version" />
        <Button mt={25} leftSection={<IconUpload size={16} aria-hidden="true" />} onClick={() => void start()} disabled={busy} data-testid="upload-start">{t('start')}</Button>
      </Group>
      {phase !== 'idle' && (
        <Stack gap={4} data-testid="upload-progress" data-phase={phase}>
          <Progress value={percent} size="lg" animated={phase === 'uploading'} aria-label={t('progressLabel')} aria-valuetext={`${Math.floor(percent)}%`} />
          <Group justify="space-between" gap="xs">
            <Text size="sm" data-testid="upload-bytes">
              {t('bytes', { sent: formatBytes(sent, format), total: formatBytes(total, format), percent: format.number(percent, { maximumFractionDigits: 0 }) })}
            </Text>
            {phase === 'uploading' && (
              <Text size="sm" c="dimmed" data-testid="upload-speed">
                {t('speed', { speed: `${formatBytes(speed, format)}/s` })}{left !== null ? ` · ${t('timeLeft', { seconds: left })}` : ''}
              </Text>
            )}
            {phase === 'paused' && <Text size="sm" c="dimmed">{t('paused')}</Text>}
            {phase === 'done' && <Text size="sm" c="green.9" role="status" data-testid="upload-done">{t('done')}</Text>}
          </Group>
          {resumed && <Text size="xs" c="dimmed" data-testid="upload-resumed">{t('resumed')}</Text>}
          {busy && (
            <Group gap="xs">
              {phase === 'uploading'
                ? <Button size="xs" variant="light" leftSection={<IconPlayerPause size={14} aria-hidden="true" />} onClick={() => void pause()} data-testid="upload-pause">{t('pause')}</Button>
                : <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} aria-hidden="true" />} onClick={resume} data-testid="upload-resume">{t('resume')}</Button>}
              <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} aria-hidden="true" />} onClick={() => setConfirmCancel(true)} data-testid="upload-cancel">{t('cancel')}</Button>
            </Group>
          )}
        </Stack>
      )}
      {problem && <ProblemAlert heading={t('failed')} problem={problem} testId="upload-error" onClose={() => setProblem(null)} />}
      <ConfirmModal opened={confirmCancel} title={t('cancelTitle')} body={t('cancelBody')} confirmLabel={t('cancel')} onConfirm={() => void cancel()} onCancel={() => setConfirmCancel(false)} />
    </Stack>
  );
}

export function UploadSection({ appId, onVersionsChanged }: { appId: string; onVersionsChanged: () => void }) {
  const t = useTranslations('developer.upload');
  const [tusInfo, setTusInfo] = useState<{ version: string; maxSize: number | null } | null | undefined>(undefined);
  const [refresh, setRefresh] = useState(0);
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
          <Uploader appId={appId} maxSize={tusInfo.maxSize} onFinished={() => setRefresh((n) => n + 1)} />
          <UploadsList appId={appId} refresh={refresh} onValidated={onVersionsChanged} />
        </>
      )}
    </Stack>
  );
}
