import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_KEY_FILE_NAME = 'secret_key';

export type SecretKeyOrigin = 'environment' | 'instance-file' | 'generated';

/**
 * The key that signs session cookies. Taken from SECRET_KEY when set; otherwise read from the
 * instance folder, or generated there on first start, readable by the owner alone, so that a
 * fresh checkout runs with no configuration and sessions survive restarts.
 */
export function resolveSecretKey(configured: string | null, instanceDir: string): { key: string; origin: SecretKeyOrigin } {
  if (configured) return { key: configured, origin: 'environment' };
  const path = join(instanceDir, SECRET_KEY_FILE_NAME);
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored) return { key: stored, origin: 'instance-file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(instanceDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(48).toString('base64url');
  // `wx`: if another process won the race to create it, use theirs rather than overwrite it.
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { key: readFileSync(path, 'utf8').trim(), origin: 'instance-file' };
    throw error;
  }
  chmodSync(path, 0o600);
  return { key, origin: 'generated' };
}
