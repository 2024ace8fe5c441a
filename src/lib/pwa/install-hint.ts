/**
 * Which install instructions fit a browser that gives no install prompt (`beforeinstallprompt`
 * exists only in Chromium-based browsers), worked out from the browser's own hints: its
 * User-Agent Client Hints where it has them (`navigator.userAgentData`), its user agent, its
 * touch points and whether its main pointer is a finger. A phone never gets desktop steps.
 */

/**
 * - `ios`: Safari and every other iOS browser install through the Share sheet.
 * - `safariMac`: Safari 17+ on macOS: File › Add to Dock.
 * - `android`: the browser menu's "Install app" / "Add to Home screen".
 * - `mobile`: another phone or tablet: the browser menu's "Add to Home screen".
 * - `firefoxDesktop`: desktop Firefox cannot install web apps.
 * - `desktop`: the install icon in the address bar or the browser menu.
 */
export type InstallHint = 'ios' | 'safariMac' | 'android' | 'mobile' | 'firefoxDesktop' | 'desktop';

/** What a browser tells about itself. */
export interface BrowserSignals {
	userAgent: string;
	maxTouchPoints?: number;
	/** `navigator.userAgentData` (Chromium): low-entropy platform and mobile hints. */
	uaData?: { mobile: boolean; platform: string } | null;
	/** `matchMedia('(pointer: coarse)')`: the main pointer is a finger. */
	coarsePointer?: boolean;
}

/** The install instructions that fit a browser. */
export function installHint(signals: BrowserSignals): InstallHint {
	const { userAgent, maxTouchPoints = 0, uaData, coarsePointer = false } = signals;
	if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
	// iPadOS Safari claims to be a Mac; only the touch screen gives it away.
	const mac = /Macintosh/.test(userAgent);
	if (mac && maxTouchPoints > 1) return 'ios';
	if (uaData?.platform === 'Android' || /Android/.test(userAgent)) return 'android';
	if (uaData?.mobile) return 'mobile';
	// A touch-first device whose browser still says "desktop" (a tablet in desktop mode, an
	// emulated phone): menu steps work there, an address-bar icon may not exist.
	const touchFirst = coarsePointer && maxTouchPoints > 0;
	if (touchFirst) return 'mobile';
	if (/Firefox\//.test(userAgent)) return 'firefoxDesktop';
	const chromium = /Chrome\/|Chromium\/|Edg\//.test(userAgent);
	if (mac && /Safari\//.test(userAgent) && !chromium) return 'safariMac';
	return 'desktop';
}

/** Reads the signals from a window. */
export function browserSignals(win: Window): BrowserSignals {
	const nav = win.navigator as Navigator & {
		userAgentData?: { mobile: boolean; platform: string };
	};
	return {
		userAgent: nav.userAgent,
		maxTouchPoints: nav.maxTouchPoints,
		uaData: nav.userAgentData ?? null,
		coarsePointer: win.matchMedia?.('(pointer: coarse)').matches ?? false
	};
}
