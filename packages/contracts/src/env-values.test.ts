import { describe, expect, it } from 'vitest';
import { presentEnv } from './env-values';

describe('presentEnv', () => {
  it('drops unset and blank variables only', () => {
    expect(presentEnv({ A: 'x', B: '', C: '  ', D: undefined, E: '0' })).toEqual({ A: 'x', E: '0' });
  });
});
