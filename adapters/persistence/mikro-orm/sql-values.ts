/**
 * Raw query rows carry the driver's form of a time: SQLite the stored milliseconds (a number, or
 * digits as text), PostgreSQL a Date (or its text).
 */
export function toDate(value: Date | number | string): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : value);
}

export function toNullableDate(value: Date | number | string | null): Date | null {
  return value === null ? null : toDate(value);
}
