/**
 * What kind of device a visitor uses, from the user agent and the screen size the snippet
 * reports. Good enough for an agent's glance ("iPhone · Safari"), not a full UA parser.
 */

export type DeviceKind = 'phone' | 'tablet' | 'desktop';

export interface Device {
	kind: DeviceKind;
	/** Operating system name, or '' when unknown. */
	os: string;
	/** Browser name, or '' when unknown. */
	browser: string;
}

/** Screens whose shorter side is below this are phones when the user agent does not say. */
const PHONE_MAX_SHORT_SIDE_PX = 600;
/** …and below this, tablets. */
const TABLET_MAX_SHORT_SIDE_PX = 1100;

const OS_RULES: readonly [RegExp, string][] = [
	[/iPhone|iPod/, 'iOS'],
	[/iPad/, 'iPadOS'],
	[/Android/, 'Android'],
	[/CrOS/, 'ChromeOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Linux/, 'Linux']
];

// Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari".
const BROWSER_RULES: readonly [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/Chrome\/|CriOS\//, 'Chrome'],
	[/Safari\//, 'Safari']
];

/** Parses a `WIDTHxHEIGHT` screen size; null when malformed. */
export function parseScreen(screen: string): { width: number; height: number } | null {
	const match = /^(\d{1,5})x(\d{1,5})$/.exec(screen);
	if (!match) return null;
	return { width: Number(match[1]), height: Number(match[2]) };
}

/** The device of a user agent and screen size. */
export function deviceOf(userAgent: string, screen: string): Device {
	const os = OS_RULES.find(([re]) => re.test(userAgent))?.[1] ?? '';
	const browser = BROWSER_RULES.find(([re]) => re.test(userAgent))?.[1] ?? '';
	return { kind: kindOf(userAgent, screen), os, browser };
}

function kindOf(userAgent: string, screen: string): DeviceKind {
	if (/iPad|Tablet/.test(userAgent)) return 'tablet';
	if (/iPhone|iPod|Mobile|Phone/.test(userAgent)) return 'phone';
	// Android without "Mobile" is a tablet by Google's own convention.
	if (/Android/.test(userAgent)) return 'tablet';
	const size = parseScreen(screen);
	if (size) {
		const short = Math.min(size.width, size.height);
		// iPadOS Safari reports itself as a Mac; a touch-sized screen gives it away only by size.
		if (short < PHONE_MAX_SHORT_SIDE_PX) return 'phone';
		if (
			/Macintosh/.test(userAgent) &&
			short <= TABLET_MAX_SHORT_SIDE_PX &&
			size.height > size.width
		)
			return 'tablet';
	}
	return 'desktop';
}
