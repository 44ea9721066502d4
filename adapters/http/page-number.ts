/** `?page=N` as a page number: absent means 1; anything but a positive whole number is no page. */
export function pageNumber(raw: unknown): number | null {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}
