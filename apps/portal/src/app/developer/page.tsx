import { DeveloperApps } from '@/components/developer/developer-apps';
import { AreaGate } from '@/components/area-gate';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('developer');

export default function Page() {
  return (
    <AreaGate areaId="developer">
      <DeveloperApps />
    </AreaGate>
  );
}
