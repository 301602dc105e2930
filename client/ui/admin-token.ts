/**
 * The secretariat's admin token, kept in this browser's localStorage. It arrives once in the URL
 * (?admin=…), is stored, and is stripped from the address bar so it is not shared or bookmarked.
 */

const storageKey = 'draftroom.adminToken';

/** Moves ?admin=… from the URL into storage (if present) and returns the stored token, or null. */
export function takeAdminToken(): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('admin');
  if (fromUrl) {
    saveAdminToken(fromUrl);
    url.searchParams.delete('admin');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return readAdminToken();
}

/** The stored admin token, or null. */
export function readAdminToken(): string | null {
  try {
    return localStorage.getItem(storageKey) || null;
  } catch {
    return null;
  }
}

/** Stores `token` (trimmed) as the admin token. */
export function saveAdminToken(token: string): void {
  try {
    localStorage.setItem(storageKey, token.trim());
  } catch {
    // Storage can be disabled; the token then lasts for this page only.
  }
}

/** Forgets the admin token. */
export function clearAdminToken(): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
