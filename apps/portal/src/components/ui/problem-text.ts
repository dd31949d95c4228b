/**
 * The words a person reads for an API problem, in their language: the title from the problem's
 * stable `type`, the detail from its machine fields (`resource` + `resourceId`: not found in your
 * tenant; `reason`: e.g. appd-id-taken; field errors that are all NUL refusals). Anything the
 * catalogue does not know keeps the server's English detail. Pure: the translator is passed in.
 *
 * @example problemText(problem, useTranslations('apiContract.problem')).detail // "在您的租户中找不到边缘节点 …"
 */
import { NUL_MESSAGE } from '@mecport/contracts';
import type { TApiProblem } from './api-problem';

export interface TTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
}

export interface TProblemText { title: string; detail?: string }

const PROBLEM_TYPE = 'urn:mecport:problem:';

export function problemText(problem: TApiProblem, t: TTranslator): TProblemText {
  const code = problem.type?.startsWith(PROBLEM_TYPE) ? problem.type.slice(PROBLEM_TYPE.length) : undefined;
  const title = code && t.has(`titles.${code}`) ? t(`titles.${code}`) : problem.title;
  const detail = detailOf(problem, t);
  return detail === undefined ? { title } : { title, detail };
}

function detailOf(problem: TApiProblem, t: TTranslator): string | undefined {
  const f = problem.fields ?? {};
  if (f.resource && f.resourceId && t.has(`resources.${f.resource}`)) {
    const values = { resource: t(`resources.${f.resource}`), id: f.resourceId, appId: f.appId ?? '' };
    return t(f.appId ? 'notFoundOfApp' : 'notFoundInTenant', values);
  }
  if (f.reason && t.has(`reasons.${f.reason}`)) return t(`reasons.${f.reason}`, { ...f });
  const errors = problem.errors ?? [];
  if (errors.length > 0 && errors.every((e) => e.message === NUL_MESSAGE)) return t('nulCharacter', { fields: errors.map((e) => e.field).join(', ') });
  return problem.detail;
}
