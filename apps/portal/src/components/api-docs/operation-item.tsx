'use client';
/** One API operation in the reference: an accordion item with method, path and summary; details inside. */
import { Accordion, Badge, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ZRole } from '@mecport/contracts';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { THttpMethod, TOperationView } from './openapi-model';
import { SchemaBlock } from './schema-block';

/** Markers the portal's OpenAPI generator puts in `x-mecport-roles` instead of role ids. */
const PUBLIC_MARKER = 'public';
const ANY_USER_MARKER = 'any signed-in user';

const METHOD_COLORS: Record<THttpMethod, string> = {
  get: 'blue', post: 'green', put: 'orange', patch: 'yellow', delete: 'red', head: 'gray', options: 'gray', trace: 'gray',
};

export function MethodBadge({ method }: { method: THttpMethod }) {
  // Light variant: shade-9 text on a pale background stays above WCAG AA contrast for every colour.
  return <Badge variant="light" color={METHOD_COLORS[method]} w={72} radius="sm" data-testid="method-badge">{method.toUpperCase()}</Badge>;
}

/**
 * Role ids as the API and the IdP spell them (`store-admin`), with the translated name as a tooltip.
 * `[]` (or the marker `any signed-in user`) means any signed-in caller; the marker `public` means no sign-in.
 */
function RolesLine({ roles }: { roles: string[] | null }) {
  const t = useTranslations();
  const isPublic = roles?.includes(PUBLIC_MARKER) ?? false;
  const named = (roles ?? []).filter((r) => r !== PUBLIC_MARKER && r !== ANY_USER_MARKER);
  return (
    <Group gap="xs" data-testid="operation-roles">
      <Text size="sm" fw={600}>{t('apiDocs.requiredRoles')}:</Text>
      {roles === null && <Text size="sm">{t('apiDocs.rolesNotStated')}</Text>}
      {isPublic && <Text size="sm">{t('apiDocs.publicAccess')}</Text>}
      {roles !== null && !isPublic && named.length === 0 && <Text size="sm">{t('apiDocs.anySignedInUser')}</Text>}
      {named.map((r) => {
        const parsed = ZRole.safeParse(r);
        return (
          <Badge key={r} variant="light" color="grape" size="sm" tt="none" data-role={r} title={parsed.success ? t(`roles.${parsed.data}`) : undefined}>
            {r}
          </Badge>
        );
      })}
    </Group>
  );
}

/**
 * `showRoles` is off for documents without MECport's `x-mecport-roles` (the official MEC specs);
 * `extra` goes below the responses (the capability catalog's code samples and "try it").
 */
export function OperationItem({ op, showRoles = true, extra }: { op: TOperationView; showRoles?: boolean; extra?: ReactNode }) {
  const t = useTranslations('apiDocs');
  return (
    // The value names the panel in aria-controls, an ID reference list: no whitespace in it.
    <Accordion.Item value={op.key.replace(/\s+/g, '_')} data-testid="operation" data-operation={op.key}>
      <Accordion.Control>
        <Group gap="sm" wrap="nowrap">
          <MethodBadge method={op.method} />
          <Code fz="sm" style={{ overflowWrap: 'anywhere', textDecoration: op.deprecated ? 'line-through' : undefined }}>{op.path}</Code>
          {op.summary && <Text size="sm" truncate>{op.summary}</Text>}
          {op.deprecated && <Badge variant="outline" color="gray" size="xs">{t('deprecated')}</Badge>}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="md">
          {op.description && <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{op.description}</Text>}
          {op.operationId && <Text size="xs" c="dimmed">{t('operationId', { id: op.operationId })}</Text>}
          {showRoles && <RolesLine roles={op.roles} />}

          <section>
            <Title order={4} mb={4}>{t('parameters')}</Title>
            {op.parameters.length === 0 ? <Text size="sm">{t('noParameters')}</Text> : (
              <Table.ScrollContainer minWidth={520}>
                <Table striped withTableBorder fz="sm" data-testid="parameters-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('parameterName')}</Table.Th>
                      <Table.Th scope="col">{t('parameterIn')}</Table.Th>
                      <Table.Th scope="col">{t('parameterRequired')}</Table.Th>
                      <Table.Th scope="col">{t('parameterType')}</Table.Th>
                      <Table.Th scope="col">{t('parameterDescription')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {op.parameters.map((p) => (
                      <Table.Tr key={`${p.in}:${p.name}`}>
                        <Table.Td>
                          <Code style={{ textDecoration: p.deprecated ? 'line-through' : undefined }}>{p.name}</Code>
                          {p.deprecated && <Badge variant="outline" color="gray" size="xs" ml={4} data-testid="parameter-deprecated">{t('deprecated')}</Badge>}
                        </Table.Td>
                        <Table.Td>{p.in}</Table.Td>
                        <Table.Td>{p.required ? t('yes') : t('no')}</Table.Td>
                        <Table.Td>{p.type ?? '–'}</Table.Td>
                        <Table.Td>{p.description ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>

          <section>
            <Title order={4} mb={4}>{t('requestBody')}</Title>
            {!op.requestBody ? <Text size="sm">{t('noRequestBody')}</Text> : (
              <Stack gap={4} data-testid="request-body">
                {op.requestBody.description && <Text size="sm">{op.requestBody.description}</Text>}
                {op.requestBody.content.map((c) => <SchemaBlock key={c.mediaType} mediaType={c.mediaType} schema={c.schema} />)}
              </Stack>
            )}
          </section>

          <section>
            <Title order={4} mb={4}>{t('responses')}</Title>
            <Table.ScrollContainer minWidth={420}>
              <Table withTableBorder fz="sm" data-testid="responses-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={90}>{t('responseStatus')}</Table.Th>
                    <Table.Th scope="col">{t('responseDescription')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {op.responses.map((r) => (
                    <Table.Tr key={r.status} data-status={r.status}>
                      <Table.Td style={{ verticalAlign: 'top' }}><Code>{r.status}</Code></Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          {r.description && <Text size="sm">{r.description}</Text>}
                          {r.content.map((c) => <SchemaBlock key={c.mediaType} mediaType={c.mediaType} schema={c.schema} />)}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </section>
          {extra}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
