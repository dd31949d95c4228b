'use client';
/** The AppD summary of the latest published version: identity, services, traffic and DNS rules, latency. */
import type { TAppdSummary } from '@mecport/contracts';
import { Badge, Code, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="sm">{value ?? '–'}</Text>
    </div>
  );
}

function RuleTable({ caption, head, rows, empty, testId }: { caption: string; head: string[]; rows: ReactNode[][]; empty: string; testId: string }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Title order={3} size="h5">{caption}</Title>
      {rows.length === 0 ? <Text size="sm" c="dimmed">{empty}</Text> : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped withTableBorder>
            <Table.Thead><Table.Tr>{head.map((h) => <Table.Th key={h}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>{rows.map((r, i) => <Table.Tr key={i}>{r.map((c, j) => <Table.Td key={j}>{c}</Table.Td>)}</Table.Tr>)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function AppdSummaryView({ appd }: { appd: TAppdSummary }) {
  const t = useTranslations('store.appd');
  const format = useFormatter();
  const dash = (v: string | number | null) => (v === null || v === '' ? '–' : v);
  return (
    <Stack gap="md" data-testid="appd-summary">
      <SimpleGrid cols={{ base: 2, sm: 3 }}>
        <Fact label={t('appDId')} value={<Code>{appd.appDId}</Code>} />
        <Fact label={t('appName')} value={dash(appd.appName)} />
        <Fact label={t('provider')} value={dash(appd.appProvider)} />
        <Fact label={t('softVersion')} value={dash(appd.appSoftVersion)} />
        <Fact label={t('mecVersion')} value={appd.mecVersion.join(', ') || '–'} />
        <Fact label={t('latency')} value={appd.maxLatencyNs === null ? t('noLatency') : t('latencyValue', { ms: format.number(appd.maxLatencyNs / 1e6, { maximumFractionDigits: 3 }) })} />
      </SimpleGrid>
      <RuleTable caption={t('required')} testId="appd-required" empty={t('none')} head={[t('serName'), t('version'), t('category'), t('optional')]}
        rows={appd.servicesRequired.map((s) => [<Code key="n">{s.serName}</Code>, s.version, dash(s.category), s.optional ? <Badge key="o" size="xs" variant="light" color="gray">{t('optionalYes')}</Badge> : t('optionalNo')])} />
      <RuleTable caption={t('produced')} testId="appd-produced" empty={t('none')} head={[t('serName'), t('version'), t('category')]}
        rows={appd.servicesProduced.map((s) => [<Code key="n">{s.serName}</Code>, s.version, dash(s.category)])} />
      <RuleTable caption={t('trafficRules')} testId="appd-traffic" empty={t('none')} head={[t('ruleId'), t('filterType'), t('priority'), t('action'), t('filters')]}
        rows={appd.trafficRules.map((r) => [<Code key="i">{r.trafficRuleId}</Code>, dash(r.filterType), dash(r.priority), dash(r.action), r.filters])} />
      <RuleTable caption={t('dnsRules')} testId="appd-dns" empty={t('none')} head={[t('ruleId'), t('domain'), t('ipType'), t('ip'), t('ttl')]}
        rows={appd.dnsRules.map((r) => [<Code key="i">{r.dnsRuleId}</Code>, r.domainName, dash(r.ipAddressType), dash(r.ipAddress), dash(r.ttl)])} />
    </Stack>
  );
}
