'use client';
/** Who uses a capability (apps whose AppD requires it), who provides it (apps producing it) and which nodes offer it now. */
import type { TCapabilityAppRef, TCapabilityDetail } from '@mecport/contracts';
import { Anchor, Badge, Code, Table, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { localizedName } from '@/components/ui/localized-text';

function AppTable({ apps, testId, showOptional }: { apps: TCapabilityAppRef[]; testId: string; showOptional: boolean }) {
  const t = useTranslations('capabilities');
  const locale = useLocale();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table withTableBorder fz="sm" data-testid={testId}>
        <Table.Thead><Table.Tr><Table.Th scope="col">{t('app')}</Table.Th><Table.Th scope="col">{t('appVersion')}</Table.Th><Table.Th scope="col">{t('serVersion')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {apps.map((a) => (
            <Table.Tr key={`${a.appId}:${a.optional ? 'o' : 'r'}`} data-app={a.appId}>
              <Table.Td>
                <Anchor component={Link} href={`/store/${a.appId}`}>{localizedName({ name: a.appName, nameZh: a.appNameZh }, locale)}</Anchor>
                {showOptional && a.optional && <Badge ml={6} size="xs" variant="outline" color="gray">{t('optional')}</Badge>}
              </Table.Td>
              <Table.Td>{a.version}</Table.Td>
              <Table.Td>{a.serVersion || '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CapabilityRelations({ c }: { c: TCapabilityDetail }) {
  const t = useTranslations('capabilities');
  const format = useFormatter();
  return (
    <>
      <section data-testid="capability-used-by">
        <Title order={2} size="h3" mb="xs">{t('usedBy')}</Title>
        {c.usedBy.length === 0 ? <Text size="sm">{t('usedByNone')}</Text> : <AppTable apps={c.usedBy} testId="used-by-table" showOptional />}
      </section>
      {c.kind === 'service' && (
        <section data-testid="capability-provided-by">
          <Title order={2} size="h3" mb="xs">{t('providedBy')}</Title>
          {c.providedBy.length === 0 ? <Text size="sm">{t('providedByNone')}</Text> : <AppTable apps={c.providedBy} testId="provided-by-table" showOptional={false} />}
        </section>
      )}
      <section data-testid="capability-live">
        <Title order={2} size="h3" mb="xs">{t('liveTitle')}</Title>
        {c.liveProviders.length === 0 ? <Text size="sm">{t('liveNone')}</Text> : (
          <Table.ScrollContainer minWidth={520}>
            <Table withTableBorder fz="sm" data-testid="live-table">
              <Table.Thead><Table.Tr>
                <Table.Th scope="col">{t('node')}</Table.Th><Table.Th scope="col">{t('serInstance')}</Table.Th><Table.Th scope="col">{t('app')}</Table.Th>
                <Table.Th scope="col">{t('state')}</Table.Th><Table.Th scope="col">{t('lastHeartbeat')}</Table.Th>
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {c.liveProviders.map((p) => (
                  <Table.Tr key={`${p.nodeId}:${p.serInstanceId}`}>
                    <Table.Td>{p.nodeName}</Table.Td>
                    <Table.Td><Code>{p.serName}</Code> <Code>{p.serInstanceId}</Code> {p.version}</Table.Td>
                    <Table.Td>{p.appName ?? p.appInstanceId}</Table.Td>
                    <Table.Td><Badge size="sm" variant="light" color={p.state === 'ACTIVE' ? 'green' : 'gray'}>{p.state}</Badge></Table.Td>
                    <Table.Td>{format.dateTime(new Date(p.lastHeartbeatAt), { dateStyle: 'short', timeStyle: 'medium' })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
    </>
  );
}
