/**
 * Whether the store page offers "Try it" for an app: the store detail's `app.experienceable`
 * (set by the store for published apps a sandbox can run). Read leniently, so a store answer
 * without the field (an older API) shows no button. Pure.
 */
export function isExperienceable(app: object): boolean {
  return (app as { experienceable?: unknown }).experienceable === true;
}
