/**
 * Parses a request's params, query and JSON body with zod, turning failures into named field
 * errors. The transport-free part (zod -> field errors, query objects) is the contracts' one,
 * shared with `@mecport/mp1`; what reads a web `Request` is here.
 */
import { AppError, validationError } from '@mecport/contracts';

export { fieldErrors, parsePart, queryObject, validationError } from '@mecport/contracts';

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new AppError('unsupported-media-type', `Send the body as application/json (got ${type || 'no content-type'})`);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new AppError('payload-too-large', `JSON bodies are limited to ${maxBytes} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError('payload-too-large', `JSON bodies are limited to ${maxBytes} bytes`);
  if (text.trim() === '') throw validationError([{ in: 'body', field: '(root)', message: 'a JSON body is required' }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw validationError([{ in: 'body', field: '(root)', message: `the body is not valid JSON: ${(e as Error).message}` }]);
  }
}
