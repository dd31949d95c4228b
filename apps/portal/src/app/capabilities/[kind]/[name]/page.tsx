import { AreaGate } from '@/components/area-gate';
import { CapabilityPage } from '@/components/capabilities/capability-page';
import { areaMetadata } from '@/i18n/page-metadata';

/** Next hands the segment over encoded or not depending on how it was reached; a serName may hold `%`. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const generateMetadata = () => areaMetadata('capabilities');

export default async function Page({ params }: { params: Promise<{ kind: string; name: string }> }) {
  const { kind, name } = await params;
  return (
    <AreaGate areaId="capabilities">
      <CapabilityPage kind={kind} name={safeDecode(name)} />
    </AreaGate>
  );
}
