'use client';
/** The operation's code samples in curl, TypeScript (fetch) and Python (requests), each with a copy button. */
import { Code, CopyButton, Button, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { TOperationView } from '../api-docs/openapi-model';
import { codeSamples, SAMPLE_LANGUAGES, sampleRequest } from './code-samples';

/** Where the samples send to: an app reads its MEC API root from its platform (MP1_API_ROOT on a MECport node). */
export const SAMPLE_API_ROOT = 'https://mec.example.com';

export function CodeSampleTabs({ op, basePath }: { op: TOperationView; basePath: string }) {
  const t = useTranslations('capabilities');
  const samples = useMemo(() => codeSamples(sampleRequest(op, `${SAMPLE_API_ROOT}${basePath}`)), [op, basePath]);
  return (
    <section data-testid="code-samples">
      <Title order={4} mb={4}>{t('samples.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">{t('samples.note', { root: SAMPLE_API_ROOT })}</Text>
      <Tabs defaultValue="curl" keepMounted={false}>
        <Tabs.List>
          {SAMPLE_LANGUAGES.map((lang) => <Tabs.Tab key={lang} value={lang} data-testid={`sample-tab-${lang}`}>{t(`samples.${lang}`)}</Tabs.Tab>)}
        </Tabs.List>
        {SAMPLE_LANGUAGES.map((lang) => (
          <Tabs.Panel key={lang} value={lang} pt="xs">
            <Stack gap={4}>
              <Code block tabIndex={0} data-testid={`sample-${lang}`} style={{ maxHeight: 360, overflow: 'auto' }}>{samples[lang]}</Code>
              <CopyButton value={samples[lang]}>
                {({ copied, copy }) => <Button size="compact-xs" variant="subtle" w="fit-content" onClick={copy}>{copied ? t('samples.copied') : t('samples.copy')}</Button>}
              </CopyButton>
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </section>
  );
}
