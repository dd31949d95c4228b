/** Unknown API paths answer problem+json too, never an HTML 404 page. */
import { AppError } from '@mecport/contracts';
import { errorToResponse, requestIdOf } from '@mecport/http';

function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorToResponse(new AppError('not-found', `No API route ${request.method} ${path}; see /api/openapi.json`), { requestId: requestIdOf(request), instance: path });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
