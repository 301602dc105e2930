/**
 * Reading a JSON request body with a clear error for anything else.
 */
import type { Context } from 'hono';
import { InvalidInputError } from '../../shared/errors.ts';

/** The request's JSON body; throws InvalidInputError when it is missing or not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new InvalidInputError('The request needs a JSON body.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidInputError('The request body is not valid JSON.');
  }
}
