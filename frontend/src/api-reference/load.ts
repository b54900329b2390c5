import { ApiError } from '../api/problem';
import type { OpenApiDocument } from './openapi';

/** Where the gateway serves the generated document of every public route (no token needed). */
export const OPENAPI_PATH = '/api/openapi.json';

/** Fetches the document; a failed answer becomes an ApiError (its problem+json title and detail). */
export async function fetchOpenApi(signal?: AbortSignal): Promise<OpenApiDocument> {
  const res = await fetch(OPENAPI_PATH, { headers: { Accept: 'application/json' }, credentials: 'omit', signal });
  if (!res.ok) throw await ApiError.from(res);
  const doc = (await res.json()) as Partial<OpenApiDocument>;
  if (typeof doc.openapi !== 'string' || !doc.paths || typeof doc.paths !== 'object') {
    throw new Error(`${OPENAPI_PATH} is not an OpenAPI document`);
  }
  return doc as OpenApiDocument;
}
