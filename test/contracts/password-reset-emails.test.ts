import { resolve } from 'node:path';
import { MessageCatalogue } from '../../adapters/i18n/message-catalogue.js';
import { PugPasswordResetEmails } from '../../adapters/mail/pug-password-reset-emails.js';
import { PlainResetEmails } from '../support/plain-reset-emails.js';
import { passwordResetEmailsContract } from './password-reset-emails.contract.js';

passwordResetEmailsContract('PugPasswordResetEmails with the real templates', (baseUrl) =>
  new PugPasswordResetEmails({ viewsDir: resolve('views'), baseUrl, translator: MessageCatalogue.fromDirectory(resolve('locales')) }));
passwordResetEmailsContract('PlainResetEmails (the domain tests\' stand-in)', (baseUrl) => new PlainResetEmails(baseUrl));
