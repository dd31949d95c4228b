/**
 * The Mantine theme (see docs/adr/0001-design-system.md). System fonts only: the portal never
 * loads a web font or anything else from another host.
 */
import { Badge, createTheme, darken, DEFAULT_THEME, defaultVariantColorsResolver, Drawer, FileInput, mergeThemeOverrides, Modal, MultiSelect, parseThemeColor, Select, TagsInput, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride, type VariantColorsResolver } from '@mantine/core';

const SYSTEM_FONTS = [
  'system-ui', '-apple-system', '"Segoe UI"', 'Roboto', '"Helvetica Neue"', 'Arial',
  // Simplified Chinese faces shipped with macOS, Windows and most Linux desktops.
  '"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Source Han Sans SC"', '"WenQuanYi Micro Hei"',
  'sans-serif', '"Apple Color Emoji"', '"Segoe UI Emoji"',
].join(', ');

/**
 * Colour contrast (WCAG 2 AA, 4.5:1 for badge-sized text; axe-core runs on every e2e page):
 * - the light palettes' shade 9 is darkened by 30%, so `c="green.9"` text is readable on white;
 * - light and outline elements (badges, alerts) write their text in shade 9, not shade 8 (Mantine's
 *   yellow was 2.3:1, green 3.2:1 on their tinted background; now every palette is above 5:1);
 * - filled elements pick black or white text by the background's luminance (`autoContrast`): white
 *   on yellow, lime, green, teal, orange and cyan shade 8 was below 4.5:1.
 */
// blue too: the active NavLink under the pointer writes blue 9 on blue 2 (4.0:1 before; 6:1 now)
const LIGHT_PALETTES = ['green', 'lime', 'yellow', 'orange', 'teal', 'blue'] as const;
const readableColors = Object.fromEntries(LIGHT_PALETTES.map((name) => {
  const shades = DEFAULT_THEME.colors[name];
  return [name, [...shades.slice(0, 9), darken(shades[9], 0.3)] as unknown as MantineColorsTuple];
}));

const readableVariants: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'outline') return base;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const palette = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  if (!palette) return base;
  const text = palette[9];
  return input.variant === 'light' ? { ...base, color: text, hoverColor: text } : { ...base, color: text, hoverColor: text, border: `1px solid ${text}` };
};

export const theme = createTheme({
  colors: readableColors,
  variantColorResolver: readableVariants,
  autoContrast: true,
  // white text below this background luminance: red 8 (0.183) keeps white (4.5:1), cyan 8 (0.192) gets black
  luminanceThreshold: 0.185,
  primaryColor: 'blue',
  // Shade 8 keeps white text on filled buttons above WCAG AA contrast (about 5:1; shade 6 is 3.5:1).
  primaryShade: { light: 8, dark: 6 },
  fontFamily: SYSTEM_FONTS,
  headings: { fontFamily: SYSTEM_FONTS },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // A badge says a status ("Not enrolled", "未注册", "Warn"): it is read whole, never cut to "NOT ENR…"
    // by a narrow table column (issue 10). The classes are in globals.css.
    Badge: Badge.extend({ classNames: { root: 'badge-whole', label: 'badge-whole-label' } }),
  },
});

/**
 * Dimmed text in gray 7 (about 8:1 on white) instead of Mantine's gray 6 (about 3.3:1, below AA).
 * Placeholders (a FileInput's "choose a file" is a real element axe-core checks) in a gray between
 * 6 and 7: 4.9:1 on white, 4.7:1 on gray 0, still lighter than typed text. A field's error
 * message in red 9 (about 5.4:1 on white) instead of red 6 (about 3.3:1). The primary colour's
 * light text (an active NavLink given no colour reads it directly, bypassing the variant resolver)
 * in blue 9, as every light variant above.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': '#6b7178',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-blue-9)',
  },
  dark: {},
});

/**
 * The theme with translated names for the icon-only buttons Mantine draws itself (a dialog's ×, an
 * input's clear button): axe-core's button-name rule, and a screen reader, need one.
 *
 * @example const localized = useMemo(() => themeWithLabels({ close: t('close'), clear: t('clear') }), [t]);
 */
export function themeWithLabels(labels: { close: string; clear: string }): MantineThemeOverride {
  const close = { closeButtonProps: { 'aria-label': labels.close } };
  const clear = { clearButtonProps: { 'aria-label': labels.clear } };
  return mergeThemeOverrides(theme, createTheme({
    components: {
      Modal: Modal.extend({ defaultProps: close }),
      Drawer: Drawer.extend({ defaultProps: close }),
      FileInput: FileInput.extend({ defaultProps: clear }),
      Select: Select.extend({ defaultProps: clear }),
      MultiSelect: MultiSelect.extend({ defaultProps: clear }),
      TagsInput: TagsInput.extend({ defaultProps: clear }),
    },
  }));
}
