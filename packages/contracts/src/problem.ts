/** RFC 9457 problem details as MECport answers them. */
import { z } from 'zod';

export const ZFieldError = z.object({
  in: z.enum(['body', 'query', 'params', 'header']),
  field: z.string().describe('Dotted path of the offending field, e.g. `locale` or `items.0.name`'),
  message: z.string(),
});

export const ZProblem = z
  .object({
    type: z.string().describe('Stable problem type URI, e.g. urn:mecport:problem:validation'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().describe('Quote it when reporting a problem; the logs carry the same id'),
    errors: z.array(ZFieldError).optional(),
  })
  .meta({ id: 'Problem' });
export type TProblem = z.infer<typeof ZProblem>;
