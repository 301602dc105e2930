/**
 * Colours for people in presence, carets and markers, distinct enough for a room of 200 delegations: 48
 * colours (16 hues × 3 tones in OKLCH, so equal steps look equal), each at least 4.5:1 against white so a
 * name written in it stays readable, chosen by a hash of the identity. Colour is never the only sign of
 * who someone is (a name or code is always beside it). Observers write nothing and draw no caret, so they
 * share one neutral grey and leave the palette to those who write. Pure: no Node, no DOM.
 */
import { Role } from './presence.ts';

/** The colour every observer is shown in (the same grey a malformed colour is replaced by). */
export const observerColor = '#6b7280';

const hues = 16;
/** OKLCH lightness and chroma of the three tones; lightness is lowered further where white contrast needs it. */
const tones = [
  { lightness: 0.58, chroma: 0.16 },
  { lightness: 0.49, chroma: 0.14 },
  { lightness: 0.41, chroma: 0.12 },
] as const;
const minContrast = 4.5;

/** The palette, tone by tone, hues in order; neighbours in the hash's range are far apart in hue or tone. */
export const presencePalette: readonly string[] = Object.freeze(
  tones.flatMap(({ lightness, chroma }, tone) =>
    Array.from({ length: hues }, (_, i) => readableOn(((i * 360) / hues + tone * 7.5) % 360, lightness, chroma)),
  ),
);

/** The colour of an identity of `role` keyed by `key` (the delegation's code, else the invitation's id); observers grey. */
export function presenceColor(role: Role, key: string): string {
  if (role === Role.observer) return observerColor;
  return presencePalette[fnv1a(key) % presencePalette.length] as string;
}

/** The WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The hue at `lightness` and at most `chroma` that fits sRGB, darkened until it reads on white. */
function readableOn(hue: number, lightness: number, chroma: number): string {
  for (let l = lightness; l > 0.2; l -= 0.01) {
    for (let c = chroma; c >= 0; c -= 0.005) {
      const rgb = oklchToSrgb(l, c, hue);
      if (rgb) {
        const hex = toHex(rgb);
        if (contrastRatio(hex, '#ffffff') >= minContrast) return hex;
        break;
      }
    }
  }
  return observerColor;
}

/** OKLCH to gamma-encoded sRGB in 0..1, or null outside the sRGB gamut. */
function oklchToSrgb(lightness: number, chroma: number, hue: number): [number, number, number] | null {
  const a = chroma * Math.cos((hue * Math.PI) / 180);
  const b = chroma * Math.sin((hue * Math.PI) / 180);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  if (linear.some((value) => value < -1e-4 || value > 1 + 1e-4)) return null;
  const encode = (value: number) => {
    const v = Math.min(1, Math.max(0, value));
    return v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
  };
  return [encode(linear[0] as number), encode(linear[1] as number), encode(linear[2] as number)];
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const v = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
