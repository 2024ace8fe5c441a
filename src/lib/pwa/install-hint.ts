/**
 * Which install instructions fit a browser that gives no install prompt (`beforeinstallprompt`
 * exists only in Chromium-based browsers): worked out from the user agent alone.
 */

/**
 * - `ios`: Safari and every other iOS browser install through the Share sheet.
 * - `safariMac`: Safari 17+ on macOS: File › Add to Dock.
 * - `android`: the browser menu's "Install app" / "Add to Home screen".
 * - `firefoxDesktop`: desktop Firefox cannot install web apps.
 * - `desktop`: the install icon in the address bar or the browser menu.
 */
export type InstallHint = 'ios' | 'safariMac' | 'android' | 'firefoxDesktop' | 'desktop';

/** The install instructions for a browser, from its user agent and touch-point count. */
export function installHint(userAgent: string, maxTouchPoints = 0): InstallHint {
	if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
	// iPadOS Safari claims to be a Mac; only the touch screen gives it away.
	const mac = /Macintosh/.test(userAgent);
	if (mac && maxTouchPoints > 1) return 'ios';
	if (/Android/.test(userAgent)) return 'android';
	if (/Firefox\//.test(userAgent)) return 'firefoxDesktop';
	const chromium = /Chrome\/|Chromium\/|Edg\//.test(userAgent);
	if (mac && /Safari\//.test(userAgent) && !chromium) return 'safariMac';
	return 'desktop';
}
