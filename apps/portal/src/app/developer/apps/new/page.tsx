import { CreateApp } from '@/components/developer/create-app';
import { DeveloperGate } from '@/components/developer/developer-gate';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('developer');

export default function Page() {
  return (
    <DeveloperGate>
      <CreateApp />
    </DeveloperGate>
  );
}
