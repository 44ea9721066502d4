import { ScryptPasswordHasher } from '../../adapters/security/scrypt-password-hasher.js';
import { FAST_SCRYPT_COST } from '../support/fast-scrypt.js';
import { PlainTextHasher } from '../support/plain-text-hasher.js';
import { passwordHasherContract } from './password-hasher.contract.js';

passwordHasherContract('PlainTextHasher (domain test fake)', (limits) => new PlainTextHasher(limits));
passwordHasherContract('ScryptPasswordHasher', (limits) => new ScryptPasswordHasher(FAST_SCRYPT_COST, limits));
