'use client';
/**
 * The edge area's sub-navigation: Map, Nodes, Deployments, Alarms, Rules. Links (not a tablist: each is
 * its own page), the current one marked with aria-current; hidden from those the area refuses.
 */
import { Button, Group } from '@mantine/core';
import { IconAlarm, IconArrowsSplit, IconMap2, IconRocket, IconServer2 } from '@tabler/icons-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useViewer } from '@/auth/use-viewer';
import { areaAccess, areaById } from '@/navigation/areas';

const TABS = [
  { id: 'map', href: '/edge-map', icon: IconMap2 },
  { id: 'nodes', href: '/edge-map/nodes', icon: IconServer2 },
  { id: 'deployments', href: '/edge-map/deployments', icon: IconRocket },
  { id: 'alarms', href: '/edge-map/alarms', icon: IconAlarm },
  { id: 'rules', href: '/edge-map/rules', icon: IconArrowsSplit },
] as const;

/** The tab a path belongs to: instance pages count as deployments' (they are reached from there). */
export function tabOfPath(pathname: string): (typeof TABS)[number]['id'] {
  if (pathname.startsWith('/edge-map/nodes')) return 'nodes';
  if (pathname.startsWith('/edge-map/deployments') || pathname.startsWith('/edge-map/instances')) return 'deployments';
  if (pathname.startsWith('/edge-map/alarms')) return 'alarms';
  if (pathname.startsWith('/edge-map/rules')) return 'rules';
  return 'map';
}

export function EdgeMapTabs() {
  const t = useTranslations('edgeMap.tabs');
  const pathname = usePathname();
  const viewer = useViewer();
  if (areaAccess(areaById('edgeMap'), viewer).kind !== 'allowed') return null;
  const active = tabOfPath(pathname);
  return (
    <nav aria-label={t('label')} data-testid="edge-map-tabs">
      <Group gap="xs" mb="md">
        {TABS.map(({ id, href, icon: Icon }) => (
          <Button key={id} component={Link} href={href} size="compact-md" variant={active === id ? 'light' : 'subtle'} color={active === id ? undefined : 'gray'}
            leftSection={<Icon size={16} aria-hidden="true" />} aria-current={active === id ? 'page' : undefined} data-tab={id}>
            {t(id)}
          </Button>
        ))}
      </Group>
    </nav>
  );
}
