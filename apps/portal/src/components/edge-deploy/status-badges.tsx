'use client';
/** The coloured, translated badges of deployments, per-node targets, app instances and alarms. */
import type { TAlarm, TInstanceState } from '@mecport/contracts';
import { Badge } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { DEPLOYMENT_STATUS_COLORS, TARGET_STATUS_COLORS, type TDeploymentStatus, type TTargetStatus } from './deployment-progress';

const INSTANCE_COLORS: Record<TInstanceState, string> = {
  PENDING: 'gray', DOWNLOADING: 'cyan', STARTING: 'blue', RUNNING: 'green', STOPPING: 'yellow', STOPPED: 'gray', CRASH_LOOP: 'red', FAILED: 'red', REMOVED: 'dark',
};
const SEVERITY_COLORS: Record<TAlarm['severity'], string> = { critical: 'red', major: 'orange', minor: 'yellow' };
const ALARM_STATE_COLORS: Record<TAlarm['state'], string> = { active: 'red', acknowledged: 'yellow', cleared: 'green' };

export function DeploymentStatusBadge({ status }: { status: TDeploymentStatus }) {
  const t = useTranslations('edgeDeploy.status.deployment');
  return <Badge variant="light" color={DEPLOYMENT_STATUS_COLORS[status]} data-testid="deployment-status" data-status={status}>{t(status)}</Badge>;
}

export function TargetStatusBadge({ status }: { status: TTargetStatus }) {
  const t = useTranslations('edgeDeploy.status.target');
  return <Badge variant="light" color={TARGET_STATUS_COLORS[status]} data-testid="target-status" data-status={status}>{t(status)}</Badge>;
}

export function InstanceStateBadge({ state }: { state: TInstanceState }) {
  const t = useTranslations('edgeDeploy.status.instance');
  return <Badge variant="outline" color={INSTANCE_COLORS[state]} data-testid="instance-state" data-state={state}>{t(state)}</Badge>;
}

export function AlarmSeverityBadge({ severity }: { severity: TAlarm['severity'] }) {
  const t = useTranslations('edgeDeploy.alarms.severity');
  return <Badge variant="filled" color={SEVERITY_COLORS[severity]} data-testid="alarm-severity" data-severity={severity}>{t(severity)}</Badge>;
}

export function AlarmStateBadge({ state }: { state: TAlarm['state'] }) {
  const t = useTranslations('edgeDeploy.alarms.state');
  return <Badge variant="light" color={ALARM_STATE_COLORS[state]} data-testid="alarm-state" data-state={state}>{t(state)}</Badge>;
}
