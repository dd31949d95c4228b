import { CreateApp } from '@/components/developer/create-app';
import { AreaGate } from '@/components/area-gate';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('developer');

export default function Page() {
  return (
    <AreaGate areaId="developer">
      <CreateApp />
    </AreaGate>
  );
}
