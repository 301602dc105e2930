/**
 * Invitation tokens: JWTs (HS256, signed with the server's key by `jose`) whose `jti` names an invitation
 * record. The signature proves the server issued it; the record says whether it is still valid.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError } from '../../shared/errors.ts';

const issuer = 'draftroom';

/** What a token carries. */
export interface TokenClaims {
  invitationId: string;
  negotiationId: string;
}

/** Signs and verifies invitation tokens with one key. */
export interface TokenSigner {
  /** A signed token for the invitation; `expiresAt` (ISO) becomes the token's `exp`. */
  sign(claims: TokenClaims, expiresAt: string | null): Promise<string>;
  /** The claims of a valid token; throws UnauthorizedError for a missing, malformed, forged or expired one. */
  verify(token: string | undefined | null): Promise<TokenClaims>;
}

/** A signer over the given secret (at least 32 characters). */
export function createTokenSigner(secret: string): TokenSigner {
  const key = new TextEncoder().encode(secret);
  // Imported once: given the raw bytes, jose imports the key again for every token it checks (twice the cost).
  let verifyingKey: Promise<CryptoKey> | null = null;
  const keyForVerifying = () => (verifyingKey ??= crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));
  return {
    async sign(claims, expiresAt) {
      const jwt = new SignJWT({ neg: claims.negotiationId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setJti(claims.invitationId)
        .setIssuedAt();
      if (expiresAt) jwt.setExpirationTime(Math.floor(Date.parse(expiresAt) / 1000));
      return jwt.sign(key);
    },
    async verify(token) {
      if (!token) throw new UnauthorizedError('No invitation token: open the invitation link you were given.');
      try {
        const { payload } = await jwtVerify(token, await keyForVerifying(), { issuer, algorithms: ['HS256'] });
        if (typeof payload.jti !== 'string' || typeof payload.neg !== 'string') {
          throw new UnauthorizedError('The invitation token is incomplete.');
        }
        return { invitationId: payload.jti, negotiationId: payload.neg };
      } catch (error) {
        if (error instanceof UnauthorizedError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new UnauthorizedError('The invitation has expired.');
        throw new UnauthorizedError('The invitation token is not valid (forged, damaged or from another server).');
      }
    },
  };
}
