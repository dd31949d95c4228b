/**
 * An app's name and descriptions in the UI language, as every area shows them (store, developer
 * workspace, deployments). Pure, so it is unit-tested.
 *
 * @example
 *   localizedName({ name: 'Guide', nameZh: '导览' }, 'zh-CN')  // '导览'
 */

/** A name in the UI language: the Chinese name for zh-CN when there is one, else the English one. */
export function localizedName(app: { name: string; nameZh: string | null }, locale: string): string {
  return locale.startsWith('zh') && app.nameZh ? app.nameZh : app.name;
}

/** Both descriptions, the UI language's first; empty ones are left out. */
export function localizedDescriptions(app: { descriptionEn: string; descriptionZh: string }, locale: string): { lang: 'en' | 'zh-CN'; text: string }[] {
  const en = { lang: 'en' as const, text: app.descriptionEn };
  const zh = { lang: 'zh-CN' as const, text: app.descriptionZh };
  return (locale.startsWith('zh') ? [zh, en] : [en, zh]).filter((d) => d.text.trim() !== '');
}
