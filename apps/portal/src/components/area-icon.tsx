/** The icon of each area, shared by the navbar and the home page. */
import {
  IconAffiliate, IconApi, IconBox, IconBuildingStore, IconCertificate, IconCode, IconMap2, IconPuzzle, IconShieldLock, type Icon,
} from '@tabler/icons-react';
import type { TAreaId } from '@/navigation/areas';

const ICONS: Record<TAreaId, Icon> = {
  store: IconBuildingStore,
  developer: IconCode,
  sandbox: IconBox,
  certification: IconCertificate,
  capabilities: IconPuzzle,
  edgeMap: IconMap2,
  federation: IconAffiliate,
  admin: IconShieldLock,
  apiDocs: IconApi,
};

export function AreaIcon({ id, size = 18 }: { id: TAreaId; size?: number }) {
  const Component = ICONS[id];
  return <Component size={size} stroke={1.6} aria-hidden="true" />;
}
