/**
 * Secrets kept in the data folder unless the environment gives them: the admin token and the key that
 * signs invitation tokens. Each is generated once, written with mode 0600, and reused on every start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../shared/errors.ts';

/** Where a secret came from, for the start-up message. */
export type SecretSource = 'environment' | 'data folder' | 'generated';

/** A secret and where it came from. */
export interface Secret {
  value: string;
  source: SecretSource;
}

/** Shortest secret accepted from the environment. */
export const minSecretLength = 32;

/**
 * The environment's value when set (throws InvalidInputError when shorter than 32 characters), else the one
 * in `dataDir/fileName`, else a new random one saved there.
 */
export function loadOrCreateSecret(fromEnv: string | undefined, dataDir: string, fileName: string, envName: string): Secret {
  if (fromEnv && fromEnv.trim() !== '') {
    const value = fromEnv.trim();
    if (value.length < minSecretLength) throw new InvalidInputError(`${envName} must be at least ${minSecretLength} characters long.`);
    return { value, source: 'environment' };
  }
  const file = join(dataDir, fileName);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), source: 'data folder' };
  const value = randomBytes(32).toString('base64url');
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return { value, source: 'generated' };
}
