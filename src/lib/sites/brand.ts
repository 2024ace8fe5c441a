/**
 * The site's widget colour as a design token: the colour itself and a readable foreground,
 * so the widget, its preview and site cards take it from `--brand` without per-component code.
 */

/** Relative luminance of an sRGB hex colour (#rrggbb), as WCAG defines it. */
export function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two hex colours (1 to 21). */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on the colour. */
export function brandForeground(hex: string): '#ffffff' | '#111827' {
	return contrast(hex, '#ffffff') >= contrast(hex, '#111827') ? '#ffffff' : '#111827';
}

const HEX = /^#[0-9a-f]{6}$/i;

/** The inline style that sets the brand tokens on an element; an invalid colour is ignored. */
export function brandStyle(hex: string | null | undefined): string {
	if (!hex || !HEX.test(hex)) return '';
	return `--brand: ${hex}; --brand-foreground: ${brandForeground(hex)};`;
}
