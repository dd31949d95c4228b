/**
 * Vitest setup file: after each test file, every response its tests received (through
 * `recordingFetch`) and every notification its callback receivers got is validated against the
 * ETSI MEC 011 schemas. Statuses an operation does not declare must be in UNDECLARED_ALLOWED.
 */
import { afterAll, expect } from 'vitest';
import { recorded } from './recorder';

/**
 * Answers the spec does not list on every operation but that the MEP gives, always as ProblemDetails:
 * 401 (no or bad token: the spec lists it on confirm_* only), 404 for paths outside both APIs,
 * 405 wrong method, 413 body too large, 415 body not JSON; and 400 for a malformed body on
 * confirm_ready / confirm_termination, the two operations whose v2.1.1 file omits 400 (GS MEC 009
 * allows it on any request).
 */
const UNDECLARED_ALLOWED = new Set([401, 404, 405, 413, 415]);
const allowedUndeclared = (operation: string | undefined, status: number) =>
  UNDECLARED_ALLOWED.has(status) || (status === 400 && /\/confirm_(ready|termination)$/.test(operation ?? ''));

afterAll(async () => {
  if (recorded.exchanges.length === 0 && recorded.notifications.length === 0) return;
  // Loaded only when there is something to check: compiling the ETSI schemas takes a moment.
  const { checkNotification, checkResponse } = await import('./spec-validator');
  const failures: string[] = [];
  for (const x of recorded.exchanges) {
    const result = checkResponse(x.method, new URL(x.url).pathname, x.status, x.contentType, x.body, x.text);
    const where = `${x.method} ${new URL(x.url).pathname} -> ${x.status}`;
    for (const e of result.errors) failures.push(`${where}: ${e}`);
    if (!result.declared && !allowedUndeclared(result.operation, x.status)) failures.push(`${where}: status not declared by the spec`);
  }
  for (const n of recorded.notifications) for (const e of checkNotification(n.body)) failures.push(`notification to ${n.callbackUrl}: ${e}`);
  expect(failures, `${recorded.exchanges.length} responses and ${recorded.notifications.length} notifications checked`).toEqual([]);
});
