'use client';
/** The viewer for role checks (`@/navigation/areas`): `null` when anonymous or still loading, else the profile's roles. */
import { useMemo } from 'react';
import type { TViewer } from '@/navigation/areas';
import { useAuth } from './auth-provider';

export function useViewer(): TViewer {
  const { status, me } = useAuth();
  return useMemo(() => (status === 'authenticated' ? { roles: me?.roles ?? [] } : null), [status, me]);
}
