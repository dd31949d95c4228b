import { AreaGate } from '@/components/area-gate';
import { CapabilityPage } from '@/components/capabilities/capability-page';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('capabilities');

export default async function Page({ params }: { params: Promise<{ capabilityId: string }> }) {
  const { capabilityId } = await params;
  return (
    <AreaGate areaId="capabilities">
      <CapabilityPage capabilityId={capabilityId} />
    </AreaGate>
  );
}
