/**
 * Server messages in the reader's language. The agent's instance messages and the alarms' details
 * arrive as stable codes with parameters beside their English text; these pick the catalogue
 * entry (namespace `edgeCleanup`) and fill it, and fall back to the English text for a code or a
 * parameter this portal does not know (an older or newer agent).
 *
 * @example
 *   const t = useTranslations('edgeCleanup');
 *   instanceMessageText(t, { messageCode: 'exited', messageParams: { exitCode: 1, restartInSec: 4 }, message: '…' });
 *   // 'exited with code 1; restarting in 4 s' (zh-CN: '以退出码 1 退出；4 秒后重启')
 */
import { INSTANCE_MESSAGE_CODES, type TAlarm, type TAppInstance, type TInstanceMessageCode, type TMessageParams } from '@mecport/contracts';

/** A translator of the `edgeCleanup` namespace (next-intl's `t`, or `createTranslator` in tests). */
export type TTranslate = (key: string, values?: Record<string, string | number>) => string;

/** The parameters each code's text needs; a message without them is shown in English. */
const NEEDS: Record<TInstanceMessageCode, string[]> = {
  exited: ['exitCode'], killed: ['signal'], health_failed: ['failures'], start_failed: ['error'], exited_unknown: [], prepare_failed: ['error'], stopping: ['graceSec'], adopted: [],
};

function knownCode(code: unknown): code is TInstanceMessageCode {
  return typeof code === 'string' && (INSTANCE_MESSAGE_CODES as readonly string[]).includes(code);
}

/** An instance's message (also the cause inside a crash-loop alarm), translated when its code is known. */
export function instanceMessageText(t: TTranslate, m: Pick<TAppInstance, 'message' | 'messageCode' | 'messageParams'>): string | null {
  const params: TMessageParams = m.messageParams ?? {};
  if (!knownCode(m.messageCode) || NEEDS[m.messageCode].some((name) => params[name] === undefined)) return m.message;
  const cause = t(`instanceMessage.${m.messageCode}`, params);
  return typeof params.restartInSec === 'number' ? t('instanceMessage.restartIn', { cause, restartInSec: params.restartInSec }) : cause;
}

const text = (value: string | number | undefined): string | undefined => (value === undefined ? undefined : String(value));

/** An alarm's details naming its app and node, translated; `formatDate` writes an ISO time for the reader. */
export function alarmDetailText(t: TTranslate, alarm: Pick<TAlarm, 'kind' | 'message' | 'details' | 'appName' | 'nodeName'>, formatDate: (iso: string) => string): string {
  const d = alarm.details;
  const app = text(d.appName) ?? alarm.appName;
  const node = text(d.nodeName) ?? alarm.nodeName;
  if (!node) return alarm.message;
  if (alarm.kind === 'node_offline') return typeof d.since === 'string' ? t('alarmDetail.node_offline', { node, since: formatDate(d.since) }) : t('alarmDetail.node_offline_never', { node });
  if (!app) return alarm.message;
  if (alarm.kind === 'package_digest_mismatch') return t('alarmDetail.package_digest_mismatch', { app, node });
  const restarts = typeof d.restarts === 'number' ? d.restarts : 0;
  const { messageCode, message, ...params } = d;
  const cause = instanceMessageText(t, { messageCode: knownCode(messageCode) ? messageCode : null, messageParams: params, message: text(message) ?? null });
  return cause ? t('alarmDetail.instance_crash_loop_cause', { app, node, restarts, cause }) : t('alarmDetail.instance_crash_loop', { app, node, restarts });
}
