import { DeveloperApps } from '@/components/developer/developer-apps';
import { DeveloperGate } from '@/components/developer/developer-gate';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('developer');

export default function Page() {
  return (
    <DeveloperGate>
      <DeveloperApps />
    </DeveloperGate>
  );
}
