/**
 * Security headers on every response, page and API alike (Hono's secureHeaders): a Content-Security-Policy
 * the built page works under (its own scripts, styles and websocket; inline only the style attributes the
 * collaboration carets set and TipTap's own stylesheet, by hash), no framing, no MIME sniffing, and no Referer: invitation tokens
 * ride in page addresses and must not leak to other sites.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The stylesheet @tiptap/core 3.31.3 injects as a <style> element (its `injectCSS`), by hash. Upgrading
 * TipTap changes it: test/e2e/csp.test.ts then reports the violation with the new hash. (Setting
 * `injectCSS: false` on the editors and moving those rules into document.css would remove the need.)
 */
const tiptapStyleHash = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='";

const hostPattern = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The middleware; `publicUrl` (when configured) is the origin the page's websocket goes to. */
export function securityHeaders(publicUrl: string | null): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", tiptapStyleHash],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", (c: Context) => websocketOrigins(c, publicUrl)],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    // HTTPS, and whether its subdomains use it, is the deployment's choice (its TLS proxy), not ours.
    strictTransportSecurity: false,
  });
}

/** ws: and wss: of this server's host ('self' covers them in current browsers; older ones need them named). */
function websocketOrigins(c: Context, publicUrl: string | null): string {
  let host: string;
  try {
    host = publicUrl ? new URL(publicUrl).host : new URL(c.req.url).host;
  } catch {
    return '';
  }
  // The Host header is the client's: only a plain host[:port] may go into the policy.
  return hostPattern.test(host) ? `ws://${host} wss://${host}` : '';
}
