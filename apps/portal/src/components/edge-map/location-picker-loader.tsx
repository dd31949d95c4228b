'use client';
/** The location picker, loaded in the browser only (Leaflet needs `window`). */
import { Skeleton } from '@mantine/core';
import dynamic from 'next/dynamic';
import type { TLocationPickerProps } from './location-picker';

export const LocationPickerLoader = dynamic<TLocationPickerProps>(() => import('./location-picker'), { ssr: false, loading: () => <Skeleton height={260} /> });
