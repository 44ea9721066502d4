// What a person does in the browser, step by step, through labels and button names as they read them.
import type { Page } from 'playwright-core';

export const PASSWORD = 'correct horse battery';

export async function register(page: Page, baseUrl: string, username: string, email = `${username.toLowerCase()}@example.com`): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL(/\/login$/);
}

/** Fills and sends the login form already on `page`. */
export async function submitLogin(page: Page, username: string, options: Readonly<{ rememberMe?: boolean }> = {}): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Remember Me').setChecked(options.rememberMe ?? false);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.waitForLoadState();
}

export async function logIn(page: Page, baseUrl: string, username: string, options: Readonly<{ rememberMe?: boolean }> = {}): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await submitLogin(page, username, options);
  await page.waitForURL(/\/index$/);
}

/** A new user, registered and logged in on `page`. */
export async function signedUp(page: Page, baseUrl: string, username: string): Promise<void> {
  await register(page, baseUrl, username);
  await logIn(page, baseUrl, username);
}

/** The visible text of the page's flash messages. */
export async function flashes(page: Page): Promise<string[]> {
  return (await page.locator('.flash').allInnerTexts()).map((text) => text.trim());
}
