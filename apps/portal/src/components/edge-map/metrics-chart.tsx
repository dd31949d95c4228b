'use client';
/**
 * The last hour of a node's CPU and memory use as a small SVG line chart (no chart library: two
 * polylines are all it takes), with the latest values as text for screen readers and at a glance.
 */
import type { TNodeDetail } from '@mecport/contracts';
import { Group, Stack, Text } from '@mantine/core';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { linePath, metricSeries } from './metrics-chart-model';

const W = 320;
const H = 110;
const CPU = '#1c7ed6';
const MEM = '#e8590c';

export function MetricsChart({ metrics, now }: { metrics: TNodeDetail['metrics']; now: number }) {
  const t = useTranslations('edgeMap.panel');
  const format = useFormatter();
  const s = useMemo(() => metricSeries(metrics, now), [metrics, now]);
  if (!s.latest) return <Text size="sm" c="dimmed" data-testid="metrics-empty">{t('metricsEmpty')}</Text>;
  const pct = (v: number) => format.number(v / 100, { style: 'percent', maximumFractionDigits: 0 });
  const summary = t('metricsSummary', { cpu: pct(s.latest.cpu), mem: pct(s.latest.mem), samples: s.cpu.length });
  return (
    <Stack gap={4} data-testid="metrics-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={summary} style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 4 }}>
        {[25, 50, 75].map((p) => <line key={p} x1={0} x2={W} y1={H - (p / 100) * H} y2={H - (p / 100) * H} stroke="#dee2e6" strokeWidth={1} />)}
        <path d={linePath(s.mem, W, H, s.from, s.to)} fill="none" stroke={MEM} strokeWidth={2} strokeDasharray="5 3" />
        <path d={linePath(s.cpu, W, H, s.from, s.to)} fill="none" stroke={CPU} strokeWidth={2} />
      </svg>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">{t('metricsAxis')}</Text>
        <Group gap="md">
          <Text size="xs"><span style={{ color: CPU }} aria-hidden="true">━</span> {t('cpu', { value: pct(s.latest.cpu) })}</Text>
          <Text size="xs"><span style={{ color: MEM }} aria-hidden="true">┅</span> {t('memory', { value: pct(s.latest.mem) })}</Text>
        </Group>
      </Group>
    </Stack>
  );
}
