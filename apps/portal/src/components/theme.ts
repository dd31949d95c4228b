/**
 * The Mantine theme (see docs/adr/0001-design-system.md). System fonts only: the portal never
 * loads a web font or anything else from another host.
 */
import { Badge, createTheme, type CSSVariablesResolver } from '@mantine/core';

const SYSTEM_FONTS = [
  'system-ui', '-apple-system', '"Segoe UI"', 'Roboto', '"Helvetica Neue"', 'Arial',
  // Simplified Chinese faces shipped with macOS, Windows and most Linux desktops.
  '"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Source Han Sans SC"', '"WenQuanYi Micro Hei"',
  'sans-serif', '"Apple Color Emoji"', '"Segoe UI Emoji"',
].join(', ');

export const theme = createTheme({
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

/** Dimmed text in gray 7 (about 8:1 on white) instead of Mantine's gray 6 (about 3.3:1, below AA). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
