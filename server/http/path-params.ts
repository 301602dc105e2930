/**
 * Path parameters checked at the edge: every id in an /api address (negotiation, invitation, delegation
 * code) is letters, digits, "-" and "_". Anything else (a line break, a quote, a slash in disguise) is a
 * 400 that says so before any route sees it, so no route puts it in a header or a log line.
 */
import type { MiddlewareHandler } from 'hono';
import { InvalidInputError } from '../../shared/errors.ts';

const segmentPattern = /^[A-Za-z0-9_-]{1,128}$/;

/** Middleware for /api/*: throws InvalidInputError (400) for a path segment that no id can be. */
export const checkPathSegments: MiddlewareHandler = async (c, next) => {
  // c.req.path is percent-decoded: "%0A" arrives here as the line break it stands for.
  for (const segment of c.req.path.split('/')) {
    if (segment !== '' && !segmentPattern.test(segment)) {
      const shown = JSON.stringify(segment.length > 40 ? `${segment.slice(0, 40)}…` : segment);
      throw new InvalidInputError(`${shown} in this address is not a valid id: ids are letters, digits, "-" and "_" (at most 128).`);
    }
  }
  await next();
};
