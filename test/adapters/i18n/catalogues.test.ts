import { parse, type Token } from '@messageformat/parser';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MessageCatalogue, type CatalogueText } from '../../../adapters/i18n/message-catalogue.js';

const LOCALES = resolve('locales');
const catalogues = new Map(readdirSync(LOCALES).filter((name) => name.endsWith('.json'))
  .map((name) => [name.replace(/\.json$/, ''), JSON.parse(readFileSync(join(LOCALES, name), 'utf8')) as CatalogueText]));
const english = catalogues.get('en') ?? {};

function sourcesUnder(dir: string, ending: RegExp): string[] {
  return readdirSync(resolve(dir), { recursive: true, encoding: 'utf8' }).filter((name) => ending.test(name)).map((name) => readFileSync(resolve(dir, name), 'utf8'));
}

/** The names a message's placeholders use, plural and number arguments included. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'argument' || token.type === 'function') names.add(token.arg);
      if (token.type === 'plural' || token.type === 'select' || token.type === 'selectordinal') {
        names.add(token.arg);
        for (const variant of token.cases) walk(variant.tokens);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

test('when a catalogue is read, then it has every key of the English one and no other', () => {
  for (const [language, catalogue] of catalogues) {
    assert.equal(Object.keys(english).filter((key) => !(key in catalogue)), [], `missing in ${language}`);
    assert.equal(Object.keys(catalogue).filter((key) => !(key in english)), [], `unknown in ${language}`);
  }
});

test('when a message is translated, then it names the same placeholders as its key', () => {
  for (const [language, catalogue] of catalogues) {
    for (const [key, message] of Object.entries(catalogue)) assert.equal(placeholders(message), placeholders(key), `${language}: ${key}`);
  }
});

/** Whether `code` holds `key` as a string literal, however it is quoted. */
function quotes(code: string, key: string): boolean {
  return [`'${key.replaceAll("'", "\\'")}'`, `"${key}"`, `'${key}'`, `\`${key}\``].some((form) => code.includes(form));
}

test('when the code and templates are read, then every key of the catalogue is used somewhere', () => {
  const code = [...sourcesUnder('adapters', /\.ts$/), ...sourcesUnder('views', /\.pug$/)].join('\n');
  // A problem of a plain status is titled with Node's own phrase for it.
  const statusPhrases = new Set(Object.values(STATUS_CODES));
  assert.equal(Object.keys(english).filter((key) => !quotes(code, key) && !statusPhrases.has(key)), []);
});

test('when a third catalogue is dropped beside the others, then the site speaks it, falling back to English where it says nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  for (const name of readdirSync(LOCALES)) copyFileSync(join(LOCALES, name), join(dir, name));
  writeFileSync(join(dir, 'fr.json'), JSON.stringify({ Home: 'Accueil', '{followers} followers, {following} following.': '{followers, plural, one {# abonné} other {# abonnés}}, {following} abonnements.' }));
  const catalogue = MessageCatalogue.fromDirectory(dir);
  assert.equal(catalogue.languages, ['en', 'es', 'fr']);
  assert.is(catalogue.translate('fr', 'Home'), 'Accueil');
  assert.is(catalogue.translate('fr', '{followers} followers, {following} following.', { followers: 2, following: 1 }), '2 abonnés, 1 abonnements.');
  assert.is(catalogue.translate('fr', 'Explore'), 'Explore');
});

test('when a count is one or more, then English and Spanish say it in the singular or the plural', () => {
  const catalogue = MessageCatalogue.fromDirectory(LOCALES);
  const key = '{followers} followers, {following} following.';
  assert.is(catalogue.translate('en', key, { followers: 1, following: 2 }), '1 follower, 2 following.');
  assert.is(catalogue.translate('en', key, { followers: 2, following: 0 }), '2 followers, 0 following.');
  assert.is(catalogue.translate('es', key, { followers: 1, following: 2 }), '1 seguidor, siguiendo a 2.');
  assert.is(catalogue.translate('es', key, { followers: 3, following: 2 }), '3 seguidores, siguiendo a 2.');
});

test('when the domain is read, then no file of it holds a text of the catalogue: the adapters own every word', () => {
  // Comments may quote a button's label to say which feature a use case is; the code may not.
  const domain = sourcesUnder('domain', /\.ts$/).join('\n').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const sentences = Object.keys(english).filter((key) => /\s/.test(key));
  assert.equal(sentences.filter((key) => quotes(domain, key)), []);
});

test.run();
