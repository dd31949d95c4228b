/** Cursor pagination shared by every list endpoint: `?limit=&cursor=` in, `{ items, nextCursor }` out. */
import { z } from 'zod';

export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page (1-100)'),
  cursor: z.string().min(1).max(200).optional().describe('Opaque cursor from a previous page'),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
