/**
 * Short random identifiers for paragraphs, proposals and negotiations: a one-letter prefix saying what it
 * names, then base-36 characters from the platform's cryptographic random source.
 */

/** A new id: `prefix` followed by `length` random base-36 characters. */
export function randomId(prefix: string, length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return prefix + Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}
