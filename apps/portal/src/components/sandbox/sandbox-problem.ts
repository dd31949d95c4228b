/**
 * Which sandbox problem an API answer is, by its `type` slug (SANDBOX_PROBLEMS), so the page can
 * say what to do (the quota: delete one first) instead of only the server's words. Pure.
 *
 * @example isSandboxProblem({ type: 'urn:mecport:problem:sandbox-quota-exceeded', ... }, 'quota')  // true
 */
import { SANDBOX_PROBLEMS } from '@mecport/contracts/sandbox';
import type { TApiProblem } from '@/components/ui/api-problem';

export function isSandboxProblem(problem: TApiProblem | null, kind: keyof typeof SANDBOX_PROBLEMS): boolean {
  if (!problem) return false;
  const slug = SANDBOX_PROBLEMS[kind];
  return problem.type === slug || !!problem.type?.endsWith(`:${slug}`) || !!problem.type?.endsWith(`/${slug}`) || problem.fields?.reason === slug;
}
