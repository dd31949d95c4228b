import { openApiDocument } from '@/server/openapi-document';

export function GET(): Response {
  return Response.json(openApiDocument());
}
