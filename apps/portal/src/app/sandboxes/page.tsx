import { AreaGate } from '@/components/area-gate';
import { SandboxList } from '@/components/sandbox/sandbox-list';
import { areaMetadata } from '@/i18n/page-metadata';
import { assertAreaPage } from '@/server/page-access';

export const generateMetadata = () => areaMetadata('sandbox');

export default async function Page() {
  await assertAreaPage('sandbox'); // HTTP 403 for a signed-in role the area does not admit
  return (
    <AreaGate areaId="sandbox">
      <SandboxList />
    </AreaGate>
  );
}
