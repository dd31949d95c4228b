import { SandboxPage } from '@/components/sandbox/sandbox-page';
import { SignedInGate } from '@/components/sandbox/signed-in-gate';
import { areaMetadata } from '@/i18n/page-metadata';

export const generateMetadata = () => areaMetadata('sandbox');

export default async function Page({ params }: { params: Promise<{ sandboxId: string }> }) {
  const { sandboxId } = await params;
  return (
    <SignedInGate>
      <SandboxPage sandboxId={sandboxId} />
    </SignedInGate>
  );
}
