'use client';
/** Loads the Leaflet map in the browser only (Leaflet needs `window`); a placeholder of the same size meanwhile. */
import { Center, Loader } from '@mantine/core';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import type { TNodeMapProps } from './node-map';

function MapLoading() {
  const t = useTranslations('edgeMap.map');
  return <Center h="100%" mih={420} data-testid="edge-map-loading"><Loader size="sm" aria-label={t('loading')} /></Center>;
}

export const NodeMapLoader = dynamic<TNodeMapProps>(() => import('./node-map'), {
  ssr: false,
  loading: () => <MapLoading />,
});
