import { AreaGate } from '@/components/area-gate';
import { InstancePage } from '@/components/edge-deploy/instance-page';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('edgeMap');

export default async function Page({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return (
    <AreaGate areaId="edgeMap">
      <InstancePage instanceId={instanceId} />
    </AreaGate>
  );
}
