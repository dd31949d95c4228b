/** The public store: catalog, app pages and comments; ratings and comments for signed-in users. */
import {
  ZAppParams, ZCatalogPage, ZCatalogQuery, ZComment, ZCommentCreate, ZCommentPage, ZCommentParams, ZCommentQuery, ZMyRating, ZRatingInput, ZStoreAppDetail,
} from '@mecport/contracts';
import { addComment, cachedCatalogPage, deleteComment, getStoreApp, listComments, putRating } from '@mecport/core';
import { publicAccess, withUser } from '@mecport/http';
import { api } from '../api';
import { prisma } from '../services';

const tags = ['Store'];

export const listCatalogRoute = api.route({
  method: 'GET', path: '/api/v1/store/apps', operationId: 'listCatalog', tags,
  summary: 'Search the store: published apps by English or Chinese words, with filters, sorting and cursor pagination',
  description: 'A portal process keeps pages for up to 2 s; a publish, deprecation, listing edit or rating it handles shows at once. `Cache-Control: no-cache` asks the database.',
  auth: publicAccess(),
  query: ZCatalogQuery,
  response: { status: 200, description: 'One page of the catalog', schema: ZCatalogPage },
  handler: ({ query, request }) => cachedCatalogPage(prisma(), query, { cacheControl: request.headers.get('cache-control'), pragma: request.headers.get('pragma') }),
});

export const getStoreAppRoute = api.route({
  method: 'GET', path: '/api/v1/store/apps/{appId}', operationId: 'getStoreApp', tags,
  summary: 'A published app: listing, published versions, AppD summary of the latest, downloads and rating',
  auth: publicAccess(),
  params: ZAppParams,
  response: { status: 200, description: 'The app\'s store page', schema: ZStoreAppDetail },
  errors: [404],
  handler: ({ params }) => getStoreApp(prisma(), params.appId),
});

export const listCommentsRoute = api.route({
  method: 'GET', path: '/api/v1/store/apps/{appId}/comments', operationId: 'listStoreAppComments', tags,
  summary: 'Comments on a published app, newest first (cursor pagination)',
  auth: publicAccess(),
  params: ZAppParams,
  query: ZCommentQuery,
  response: { status: 200, description: 'One page of comments', schema: ZCommentPage },
  errors: [404],
  handler: ({ params, query }) => listComments(prisma(), params.appId, query),
});

export const putRatingRoute = api.route({
  method: 'PUT', path: '/api/v1/store/apps/{appId}/rating', operationId: 'putMyStoreAppRating', tags,
  summary: 'Rate a published app (1-5 stars); one rating per user, a new one replaces the old',
  auth: withUser({ roles: 'any' }),
  params: ZAppParams,
  body: ZRatingInput,
  response: { status: 200, description: 'The caller\'s rating and the app\'s new rating summary', schema: ZMyRating },
  errors: [404],
  handler: ({ actor, params, body, requestId }) => putRating(prisma(), actor, params.appId, body, requestId),
});

export const addCommentRoute = api.route({
  method: 'POST', path: '/api/v1/store/apps/{appId}/comments', operationId: 'addStoreAppComment', tags,
  summary: 'Comment on a published app',
  auth: withUser({ roles: 'any' }),
  params: ZAppParams,
  body: ZCommentCreate,
  response: { status: 201, description: 'The new comment', schema: ZComment },
  errors: [404],
  handler: ({ actor, params, body, requestId }) => addComment(prisma(), actor, params.appId, body, requestId),
});

export const deleteCommentRoute = api.route({
  method: 'DELETE', path: '/api/v1/store/apps/{appId}/comments/{commentId}', operationId: 'deleteStoreAppComment', tags,
  summary: 'Delete one of the caller\'s own comments (anyone else\'s answers 404)',
  auth: withUser({ roles: 'any' }),
  params: ZCommentParams,
  response: { status: 204, description: 'Deleted' },
  errors: [404],
  handler: ({ actor, params, requestId }) => deleteComment(prisma(), actor, params.appId, params.commentId, requestId),
});
