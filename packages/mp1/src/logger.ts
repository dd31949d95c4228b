/** The logging the library needs; a pino logger fits it. Silent when the host gives none. */
export interface TMp1Logger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
