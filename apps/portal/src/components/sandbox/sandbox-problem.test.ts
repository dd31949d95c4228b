import { describe, expect, it } from 'vitest';
import { isSandboxProblem } from './sandbox-problem';

describe('isSandboxProblem', () => {
  it('recognises the quota problem by its type, as a URN, a URL or a reason', () => {
    expect(isSandboxProblem({ title: 'x', status: 409, type: 'urn:mecport:problem:sandbox-quota-exceeded' }, 'quota')).toBe(true);
    expect(isSandboxProblem({ title: 'x', status: 409, type: 'https://mecport.example/problems/sandbox-quota-exceeded' }, 'quota')).toBe(true);
    expect(isSandboxProblem({ title: 'x', status: 409, type: 'urn:mecport:problem:conflict', fields: { reason: 'sandbox-quota-exceeded' } }, 'quota')).toBe(true);
  });
  it('does not mistake another problem for it', () => {
    expect(isSandboxProblem({ title: 'x', status: 409, type: 'urn:mecport:problem:conflict' }, 'quota')).toBe(false);
    expect(isSandboxProblem({ title: 'x', status: 409, type: 'urn:mecport:problem:not-sandbox-quota-exceeded' }, 'quota')).toBe(false);
    expect(isSandboxProblem(null, 'quota')).toBe(false);
  });
});
