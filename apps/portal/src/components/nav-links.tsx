'use client';
/** The navbar's links: home plus the areas this viewer may use (`visibleAreas`), the active one marked with aria-current. */
import { NavLink, Stack } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useViewer } from '@/auth/use-viewer';
import { areaForPath, visibleAreas } from '@/navigation/areas';
import { AreaIcon } from './area-icon';

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const t = useTranslations();
  const viewer = useViewer();
  const activeId = areaForPath(pathname)?.id;
  const homeActive = pathname === '/';

  return (
    <Stack gap={2} data-testid="main-nav">
      <NavLink
        component={Link}
        variant="light" // through the theme's variant resolver: active text in blue 9, not Mantine's blue 6
        href="/"
        label={t('shell.home')}
        leftSection={<IconHome size={18} stroke={1.6} aria-hidden="true" />}
        active={homeActive}
        aria-current={homeActive ? 'page' : undefined}
        onClick={onNavigate}
      />
      {visibleAreas(viewer).map((area) => (
        <NavLink
          key={area.id}
          component={Link}
          variant="light"
          href={area.href}
          label={t(`areas.${area.id}.title`)}
          leftSection={<AreaIcon id={area.id} />}
          active={activeId === area.id}
          aria-current={activeId === area.id ? 'page' : undefined}
          onClick={onNavigate}
          data-area={area.id}
        />
      ))}
    </Stack>
  );
}
