/** Environment helpers shared by every deployable's env.ts. */

/** Drops unset and blank variables, so `FOO= npm start` means "FOO not set" and defaults apply. */
export function presentEnv(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}
