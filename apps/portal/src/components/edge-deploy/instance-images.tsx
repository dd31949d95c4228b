'use client';
/**
 * A container app instance's images, each with the digest that ran as its node reported it
 * (nothing for a process app). Digests are shown whole: they are what an operator compares.
 */
import type { TRanImage } from '@mecport/contracts';
import { Code, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslations } from 'next-intl';

export function InstanceImages({ images }: { images: readonly TRanImage[] }) {
  const t = useTranslations('edgeDeploy.instance');
  if (images.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="instance-images">
      <Title order={2} size="h4">{t('images')}</Title>
      <Text size="sm" c="dimmed">{t('imagesHelp')}</Text>
      {/* No scroll container: it would be a scrollable region without focusable content (axe); long names and digests wrap. */}
      <Table withTableBorder layout="fixed">
        <Table.Thead><Table.Tr><Table.Th>{t('image')}</Table.Th><Table.Th>{t('imageDigest')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {images.map((image) => (
              <Table.Tr key={image.name} data-testid="instance-image">
                <Table.Td><Text size="sm" style={{ wordBreak: 'break-all' }}>{image.name}</Text></Table.Td>
                <Table.Td><Code style={{ wordBreak: 'break-all' }} data-testid="instance-image-digest">{image.digest}</Code></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
      </Table>
    </Stack>
  );
}
