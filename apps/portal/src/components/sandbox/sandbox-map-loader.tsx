'use client';
/** Loads the sandbox map in the browser only (Leaflet needs `window`); a placeholder of the same size meanwhile. */
import { Center, Loader } from '@mantine/core';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { TSandboxMapProps } from './sandbox-map';

function MapLoading() {
  const t = useTranslations('sandbox.map');
  return <Center h="100%" mih={420} data-testid="sandbox-map-loading"><Loader size="sm" aria-label={t('loading')} /></Center>;
}

export const SandboxMapLoader = dynamic<TSandboxMapProps>(() => import('./sandbox-map'), { ssr: false, loading: () => <MapLoading /> });
