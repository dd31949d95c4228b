/**
 * The "create app" / "edit listing" form as plain strings, its client-side validation (the same
 * zod contracts the API uses: ZAppCreate, ZAppUpdate) and the mapping of the server's
 * problem+json `errors[].field` onto the form's fields. Pure, so it is unit-tested.
 *
 * @example
 *   const values = { ...EMPTY_APP_FORM, name: 'Edge Video', slug: 'edge-video', provider: 'Acme', category: 'iot' };
 *   validateAppForm(values, 'create')   // {} when valid, else { field: message }
 *   createBody(values)                  // the POST /api/v1/apps body
 */
import { ZAppCreate, ZAppUpdate, type TApp, type TAppCategory, type TAppCreate, type TAppUpdate, type TFieldError } from '@mecport/contracts';

export interface TAppFormValues {
  slug: string;
  name: string;
  nameZh: string;
  provider: string;
  category: TAppCategory | '';
  industry: string;
  tags: string[];
  descriptionEn: string;
  descriptionZh: string;
  iconUrl: string;
  videoUrl: string;
  screenshots: string[];
}

export type TAppFormField = keyof TAppFormValues;
export type TFormErrors = Partial<Record<TAppFormField | 'form', string>>;

export const EMPTY_APP_FORM: TAppFormValues = {
  slug: '', name: '', nameZh: '', provider: '', category: '', industry: '', tags: [], descriptionEn: '', descriptionZh: '', iconUrl: '', videoUrl: '', screenshots: [],
};

const FIELDS = Object.keys(EMPTY_APP_FORM) as TAppFormField[];

/** A slug suggestion from an English name: "Edge Video 2" -> "edge-video-2". */
export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
}

export function formFromApp(app: TApp): TAppFormValues {
  return {
    slug: app.slug, name: app.name, nameZh: app.nameZh ?? '', provider: app.provider, category: app.category, industry: app.industry ?? '', tags: app.tags,
    descriptionEn: app.descriptionEn, descriptionZh: app.descriptionZh, iconUrl: app.iconUrl ?? '', videoUrl: app.videoUrl ?? '', screenshots: app.screenshots,
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The POST body: blank optional fields are left out. */
export function createBody(v: TAppFormValues): TAppCreate {
  const body: Record<string, unknown> = { slug: v.slug.trim(), name: v.name.trim(), provider: v.provider.trim(), category: v.category };
  if (v.nameZh.trim()) body.nameZh = v.nameZh.trim();
  if (v.industry.trim()) body.industry = v.industry.trim();
  if (v.tags.length) body.tags = v.tags.map((t) => t.trim());
  if (v.descriptionEn.trim()) body.descriptionEn = v.descriptionEn;
  if (v.descriptionZh.trim()) body.descriptionZh = v.descriptionZh;
  if (v.iconUrl.trim()) body.iconUrl = v.iconUrl.trim();
  if (v.videoUrl.trim()) body.videoUrl = v.videoUrl.trim();
  if (v.screenshots.length) body.screenshots = v.screenshots.map((s) => s.trim());
  return body as TAppCreate;
}

/** The PATCH body: only what changed; a cleared optional field becomes `null`. */
export function updateBody(before: TAppFormValues, v: TAppFormValues): TAppUpdate {
  const body: Record<string, unknown> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const f of ['name', 'provider', 'category'] as const) if (!same(before[f], v[f])) body[f] = typeof v[f] === 'string' ? v[f].trim() : v[f];
  for (const f of ['nameZh', 'industry', 'iconUrl', 'videoUrl'] as const) if (before[f].trim() !== v[f].trim()) body[f] = orNull(v[f]);
  for (const f of ['descriptionEn', 'descriptionZh'] as const) if (before[f] !== v[f]) body[f] = v[f];
  for (const f of ['tags', 'screenshots'] as const) if (!same(before[f], v[f])) body[f] = v[f].map((s) => s.trim());
  return body as TAppUpdate;
}

/** The form field a server or zod error path names (`tags.2` -> `tags`), or 'form' when it names none. */
export function formField(path: string): TAppFormField | 'form' {
  const head = path.replace(/^body\./, '').split('.')[0] ?? '';
  return (FIELDS as string[]).includes(head) ? (head as TAppFormField) : 'form';
}

function collect(issues: { field: string; message: string }[]): TFormErrors {
  const errors: TFormErrors = {};
  for (const issue of issues) {
    const field = formField(issue.field);
    errors[field] ??= issue.message;
  }
  return errors;
}

/** What the UI translates a client-side problem into (`developer.form.errors.<code>`). */
export type TClientErrorCode = 'required' | 'tooLong' | 'tooMany' | 'invalidUrl' | 'invalidSlug' | 'invalid';

function issueCode(field: TAppFormField | 'form', issue: { code: string; path: readonly PropertyKey[] }): TClientErrorCode {
  if (issue.code === 'too_big') return (field === 'tags' || field === 'screenshots') && issue.path.length === 1 ? 'tooMany' : 'tooLong';
  if (issue.code === 'too_small') return 'required';
  if (field === 'slug') return 'invalidSlug';
  if (field === 'iconUrl' || field === 'videoUrl' || field === 'screenshots') return 'invalidUrl';
  return 'invalid';
}

/**
 * Client-side validation with the API's own schemas; `{}` when the form may be sent. The values
 * are codes (TClientErrorCode) for the UI to translate.
 */
export function validateAppForm(v: TAppFormValues, mode: 'create' | 'edit', before?: TAppFormValues): TFormErrors {
  const errors: TFormErrors = {};
  if (!v.name.trim()) errors.name = 'required';
  if (!v.provider.trim()) errors.provider = 'required';
  if (!v.category) errors.category = 'required';
  if (mode === 'create' && !v.slug.trim()) errors.slug = 'required';
  const result = mode === 'create' ? ZAppCreate.safeParse(createBody(v)) : ZAppUpdate.safeParse(updateBody(before ?? EMPTY_APP_FORM, v));
  const zodErrors: TFormErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = formField(issue.path.map(String).join('.'));
      zodErrors[field] ??= issueCode(field, issue);
    }
  }
  return { ...zodErrors, ...errors };
}

/** The server's `errors[]` (problem+json) as per-field messages. */
export function serverFieldErrors(errors: readonly TFieldError[] | undefined): TFormErrors {
  return collect((errors ?? []).filter((e) => e.in === 'body' || e.in === undefined));
}
