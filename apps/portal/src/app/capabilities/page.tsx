import { AreaGate } from '@/components/area-gate';
import { CapabilityCatalog } from '@/components/capabilities/capability-catalog';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('capabilities');

export default function Page() {
  return (
    <AreaGate areaId="capabilities">
      <CapabilityCatalog />
    </AreaGate>
  );
}
