import { buildOpenApiDocument } from '@mecport/http';
import { api } from './api';
import './routes';

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export function openApiDocument() {
  cached ??= buildOpenApiDocument(api.routes, {
    title: 'MECport API',
    version: '0.1.0',
    description: 'REST API of the MECport portal. Errors are RFC 9457 application/problem+json; every response carries an x-request-id header.',
  });
  return cached;
}
