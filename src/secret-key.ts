import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, secretKeyWeakness } from './config.js';

export const SECRET_KEY_FILE_NAME = 'secret_key';

export type SecretKeyOrigin = 'environment' | 'instance-file' | 'generated';

/**
 * The key that signs session cookies. Taken from SECRET_KEY when set; otherwise read from the
 * instance folder, or generated there on first start, readable by the owner alone, so that a
 * fresh checkout runs with no configuration and sessions survive restarts.
 *
 * A stored key is held to SECRET_KEY's rule. A weak one (someone wrote `changeme` into the file, or
 * it was cut short) stops the start with a ConfigError rather than being replaced: the file may be
 * an operator's deliberate choice or shared with other machines, and a silent replacement would log
 * everyone out while hiding the mistake.
 */
export function resolveSecretKey(configured: string | null, instanceDir: string): { key: string; origin: SecretKeyOrigin } {
  if (configured) return { key: configured, origin: 'environment' };
  const path = join(instanceDir, SECRET_KEY_FILE_NAME);
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored) return { key: checkedStoredKey(stored, path), origin: 'instance-file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(instanceDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(48).toString('base64url');
  // `wx`: if another process won the race to create it, use theirs rather than overwrite it.
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { key: checkedStoredKey(readFileSync(path, 'utf8').trim(), path), origin: 'instance-file' };
    throw error;
  }
  chmodSync(path, 0o600);
  return { key, origin: 'generated' };
}

function checkedStoredKey(key: string, path: string): string {
  const weakness = secretKeyWeakness(key);
  if (weakness) throw new ConfigError(`the key stored in ${path} ${weakness}; delete the file to have a strong one generated, or set SECRET_KEY`);
  return key;
}
