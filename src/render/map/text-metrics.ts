// Text width estimates for SVG labels: boxes are sized before any browser measures the text, so they must not undershoot.

/**
 * Advance widths of ASCII 32–126 in hundredths of an em, the larger of DejaVu Sans and Arial/Liberation Sans
 * (measured in Chromium), so a label fits whichever of the two the viewer falls back to.
 */
const REGULAR = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 56, 102, 68,
  69, 72, 77, 67, 61, 78, 75, 29, 50, 67, 56, 86, 75, 79, 67, 79, 72, 67, 61, 73, 68, 99, 69, 67, 69, 39, 34, 39, 84, 56, 50, 61, 63, 55,
  63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
] as const;
const BOLD = [
  35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 61, 100, 77,
  76, 73, 83, 68, 68, 82, 84, 37, 56, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 56, 50, 67, 72, 59,
  72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
] as const;
/** Every glyph of a monospace font is 0.6 em wide in the common ones (DejaVu Sans Mono, Menlo, Consolas). */
const MONO = 60;
/** Accented Latin and other narrow scripts: a generous average. */
const OTHER = 72;
/** CJK, emoji and other full-width glyphs, and the ellipsis (1 em in DejaVu Sans). */
const WIDE = 100;
const ELLIPSIS = 0x2026;

export type TextStyle = 'regular' | 'bold' | 'mono';

export interface TextFont {
  readonly size: number;
  readonly style: TextStyle;
}

function charWidth(codePoint: number, style: TextStyle): number {
  if (style === 'mono') return codePoint >= 0x2e80 ? WIDE : MONO;
  if (codePoint >= 32 && codePoint <= 126) return (style === 'bold' ? BOLD : REGULAR)[codePoint - 32] ?? OTHER;
  return codePoint >= 0x2e80 || codePoint === ELLIPSIS ? WIDE : OTHER;
}

/** Estimated rendered width of `text` in pixels, erring on the wide side. */
export function estimateTextWidth(text: string, font: TextFont): number {
  let hundredths = 0;
  for (const ch of text) hundredths += charWidth(ch.codePointAt(0) ?? 0, font.style);
  return Math.ceil((hundredths * font.size) / 100);
}

/** `text` shortened with an ellipsis so it fits `maxWidth`; unchanged when it already fits. */
export function fitText(text: string, maxWidth: number, font: TextFont): string {
  if (estimateTextWidth(text, font) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && estimateTextWidth(`${chars.join('')}…`, font) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
