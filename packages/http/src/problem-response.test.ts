import { AppError } from '@mecport/contracts';
import { describe, expect, it } from 'vitest';
import { errorToResponse } from './problem-response';

describe('errorToResponse', () => {
  it('keeps extensions but never lets them overwrite standard members', async () => {
    const error = new AppError('conflict', 'Version 1.0 is published', { extensions: { status: 'published', type: 'x', versionStatus: 'published' } });
    const response = errorToResponse(error, { requestId: 'req-12345678' });
    expect(response.status).toBe(409);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 409, type: 'urn:mecport:problem:conflict', versionStatus: 'published', requestId: 'req-12345678' });
  });
});
