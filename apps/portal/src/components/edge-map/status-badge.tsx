'use client';
/** A node's status as a badge: the status's shape in its colour plus the word, so colour is never the only cue. */
import type { TNodeStatus } from '@mecport/contracts';
import { Badge } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { markerHtml, STATUS_STYLE } from './node-status-style';

export function StatusShape({ status, size = 14 }: { status: TNodeStatus; size?: number }) {
  // The SVG is our own constant markup (no user text), so injecting it is safe.
  return <span aria-hidden="true" style={{ display: 'inline-flex', width: size, height: size }} dangerouslySetInnerHTML={{ __html: markerHtml(status).replace(/width="16" height="16"/, `width="${size}" height="${size}"`) }} />;
}

export function NodeStatusBadge({ status }: { status: TNodeStatus }) {
  const t = useTranslations('edgeMap.status');
  return (
    <Badge variant="light" color={STATUS_STYLE[status].mantineColor} leftSection={<StatusShape status={status} size={12} />} data-testid="node-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}
