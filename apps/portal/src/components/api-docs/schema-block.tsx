'use client';
/** A schema as formatted JSON, collapsed behind a toggle button. */
import { Box, Button, Code, Collapse } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';

export function SchemaBlock({ mediaType, schema }: { mediaType: string; schema: unknown }) {
  const t = useTranslations('apiDocs');
  const [open, setOpen] = useState(false);
  const id = useId();
  if (schema === undefined) return null;
  return (
    <Box>
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={id}
        rightSection={<IconChevronDown size={14} aria-hidden="true" style={{ transform: open ? 'rotate(180deg)' : undefined }} />}
        data-testid="schema-toggle"
      >
        {t(open ? 'hideSchema' : 'showSchema', { mediaType })}
      </Button>
      <Collapse expanded={open} id={id}>
        <Code block mt="xs" data-testid="schema-json" style={{ maxHeight: 420, overflow: 'auto' }}>
          {JSON.stringify(schema, null, 2)}
        </Code>
      </Collapse>
    </Box>
  );
}
