// List query → repository page options: the default and maximum page size, and the cursor checked for tampering.
import { DEFAULT_PAGE_SIZE, type PageQuery } from '../../../shared/api-schemas';
import { type Cursor, decodeCursor } from '../store/paging';
import { ApiError } from './errors';

export function pageOptions(query: PageQuery): { limit: number; after?: Cursor } {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (query.cursor === undefined) return { limit };
  const after = decodeCursor(query.cursor);
  if (!after)
    throw new ApiError(400, 'invalid_field', 'invalid value for "cursor": not a cursor this API issued', 'cursor');
  return { limit, after };
}
