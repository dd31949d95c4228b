/** A scenario's bilingual text in the UI language (zh-CN for any Chinese locale). Pure. */
import type { TBilingualText } from '@mecport/contracts/sandbox';

export function bilingual(text: TBilingualText, locale: string): string {
  return locale.startsWith('zh') ? text['zh-CN'] : text.en;
}
