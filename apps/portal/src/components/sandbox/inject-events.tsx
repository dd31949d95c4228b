'use client';
/**
 * The "inject events" panel: move a UE (pick it, then click the map, or type the coordinates)
 * and take an access point down or bring it up; below, what became of the last few.
 */
import type { TInjectedEvent, TLngLat, TWorldSnapshot } from '@mecport/contracts/sandbox';
import { Badge, Button, Group, List, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { IconClick } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ProblemDetails } from '@/components/problem-details';
import type { TInjectResult } from './use-inject-events';

export interface TInjectEventsProps {
  world: TWorldSnapshot | null;
  ueId: string | null;
  onUe: (ueId: string | null) => void;
  picking: boolean;
  onPicking: (on: boolean) => void;
  busy: boolean;
  results: TInjectResult[];
  inject: (event: TInjectedEvent) => Promise<boolean>;
}

function describe(event: TInjectedEvent, t: ReturnType<typeof useTranslations<'sandbox.inject'>>): string {
  if (event.kind === 'move-ue') {
    const [lon, lat] = event.params.to as TLngLat;
    return t('movedUe', { ue: event.target, lon: lon.toFixed(5), lat: lat.toFixed(5) });
  }
  return event.kind === 'access-point-down' ? t('poaDown', { poa: event.target }) : t('poaUp', { poa: event.target });
}

export function InjectEvents({ world, ueId, onUe, picking, onPicking, busy, results, inject }: TInjectEventsProps) {
  const t = useTranslations('sandbox.inject');
  const [lon, setLon] = useState<number | string>('');
  const [lat, setLat] = useState<number | string>('');
  const [poaId, setPoaId] = useState<string | null>(null);
  const poa = world?.poas.find((p) => p.id === poaId) ?? null;
  const ues = (world?.ues ?? []).map((u) => ({ value: u.id, label: u.id }));
  const poas = (world?.poas ?? []).map((p) => ({ value: p.id, label: p.up ? p.id : t('poaOptionDown', { poa: p.id }) }));

  const moveTyped = () => {
    if (!ueId || typeof lon !== 'number' || typeof lat !== 'number') return;
    void inject({ kind: 'move-ue', target: ueId, params: { to: [lon, lat] } });
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="inject-title" data-testid="inject-events">
      <Title order={2} size="h4" id="inject-title">{t('title')}</Title>
      <Stack gap={6}>
        <Select label={t('ue')} placeholder={t('uePlaceholder')} data={ues} value={ueId} onChange={onUe} searchable data-testid="inject-ue" />
        <Group gap="xs">
          <Button size="xs" variant={picking ? 'filled' : 'light'} leftSection={<IconClick size={14} aria-hidden="true" />} disabled={!ueId}
            aria-pressed={picking} onClick={() => onPicking(!picking)} data-testid="inject-pick-on-map">
            {picking ? t('cancelPick') : t('pickOnMap')}
          </Button>
        </Group>
        {picking && ueId && <Text size="xs" role="status" data-testid="inject-picking">{t('picking', { ue: ueId })}</Text>}
        <Group gap={6} align="flex-end" wrap="nowrap">
          <NumberInput label={t('lon')} value={lon} onChange={setLon} min={-180} max={180} decimalScale={6} size="xs" w={110} />
          <NumberInput label={t('lat')} value={lat} onChange={setLat} min={-90} max={90} decimalScale={6} size="xs" w={110} />
          <Button size="xs" variant="default" onClick={moveTyped} disabled={!ueId || typeof lon !== 'number' || typeof lat !== 'number'} loading={busy} data-testid="inject-move">{t('move')}</Button>
        </Group>
      </Stack>
      <Stack gap={6}>
        <Select label={t('poa')} placeholder={t('poaPlaceholder')} data={poas} value={poaId} onChange={setPoaId} searchable data-testid="inject-poa" />
        {poa && (
          <Button size="xs" w="fit-content" color={poa.up ? 'orange' : 'green'} variant="light" loading={busy} data-testid="inject-poa-toggle"
            onClick={() => void inject({ kind: poa.up ? 'access-point-down' : 'access-point-up', target: poa.id, params: {} })}>
            {poa.up ? t('takeDown', { poa: poa.id }) : t('bringUp', { poa: poa.id })}
          </Button>
        )}
      </Stack>
      {results.length > 0 && (
        <List size="sm" spacing={4} listStyleType="none" aria-label={t('results')} data-testid="inject-results">
          {results.map((r) => (
            <List.Item key={r.n} data-testid="inject-result" data-ok={r.problem ? 'false' : 'true'}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge size="xs" color={r.problem ? 'red' : 'green'} variant="light">{r.problem ? t('refused') : t('accepted')}</Badge>
                <Stack gap={0}>
                  <Text size="xs">{describe(r.event, t)}</Text>
                  {r.problem && <ProblemDetails problem={r.problem} />}
                </Stack>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
