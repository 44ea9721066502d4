export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Compares in constant time; a malformed hash is simply not a match. */
  verify(hash: string, password: string): Promise<boolean>;
  /** True when `hash` was made with weaker settings than the current ones, so it is worth redoing. */
  needsRehash(hash: string): boolean;
}
