/**
 * Reads the page's address without ever throwing: which page it names (/ or /n/:negotiationId?token=…) and
 * which paragraph its `#` fragment points at. A percent sequence that does not decode (a link cut or
 * mangled when it was copied, such as "#%E0%A4%A") makes the address "damaged", never a blank page.
 */

/** What the address names. */
export type PageAddress =
  | { page: 'negotiation'; negotiationId: string; token: string | null }
  | { page: 'home' }
  | { page: 'unknown' }
  | { page: 'damaged'; part: 'path' | 'fragment' };

/** The page named by `location` (pathname, search, hash). */
export function readPageAddress(location: Pick<Location, 'pathname' | 'search' | 'hash'>): PageAddress {
  if (fragmentTarget(location.hash) === undefined) return { page: 'damaged', part: 'fragment' };
  const path = location.pathname;
  const negotiation = /^\/n\/([^/]+)\/?$/.exec(path);
  if (negotiation) {
    const negotiationId = decodeOrUndefined(negotiation[1] as string);
    if (negotiationId === undefined) return { page: 'damaged', part: 'path' };
    return { page: 'negotiation', negotiationId, token: new URLSearchParams(location.search).get('token') };
  }
  if (path === '/' || path === '/index.html') return { page: 'home' };
  return { page: 'unknown' };
}

/** The element id a `#` fragment points at: null when there is none, undefined when it does not decode. */
export function fragmentTarget(hash: string): string | null | undefined {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '') return null;
  const decoded = decodeOrUndefined(raw);
  return decoded === '' ? null : decoded;
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
