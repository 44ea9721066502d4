import { err, ok, type Result } from 'neverthrow';
import { pageNotFound, type PageNotFound } from '../../domain/errors.js';
import type { PageRequest } from '../../domain/pagination.js';

/** `?page=N` as the page of `size` to show: absent means 1; anything but a positive whole number is no page. */
export function pageRequest(raw: unknown, size: number): Result<PageRequest, PageNotFound> {
  if (raw === undefined) return ok({ number: 1, size });
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return err(pageNotFound());
  return ok({ number: Number(raw), size });
}
