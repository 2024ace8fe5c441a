import { describe, expect, it } from 'vitest';
import { installHint, type InstallHint } from './install-hint.ts';

const AGENTS: [string, string, number, InstallHint][] = [
	[
		'Safari on iPhone',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
		5,
		'ios'
	],
	[
		'Chrome on iPhone',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
		5,
		'ios'
	],
	[
		'Safari on iPad, which claims to be a Mac',
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
		5,
		'ios'
	],
	[
		'Safari on a Mac',
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
		0,
		'safariMac'
	],
	[
		'Chrome on a Mac',
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
		0,
		'desktop'
	],
	[
		'Chrome on Android',
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
		5,
		'android'
	],
	[
		'Firefox on Android',
		'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
		5,
		'android'
	],
	[
		'Samsung Internet',
		'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
		5,
		'android'
	],
	[
		'Firefox on Linux',
		'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
		0,
		'firefoxDesktop'
	],
	[
		'Edge on Windows',
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
		0,
		'desktop'
	],
	['an unknown browser', 'SomethingElse/1.0', 0, 'desktop']
];

describe('installHint', () => {
	for (const [browser, userAgent, touchPoints, expected] of AGENTS) {
		it(`tells ${browser} to follow the "${expected}" instructions`, () => {
			expect(installHint({ userAgent, maxTouchPoints: touchPoints })).toBe(expected);
		});
	}

	const HEADLESS_LINUX_CHROME =
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

	it('trusts Client Hints that say Android over a desktop-looking user agent', () => {
		expect(
			installHint({
				userAgent: HEADLESS_LINUX_CHROME,
				uaData: { mobile: true, platform: 'Android' }
			})
		).toBe('android');
	});

	it('gives a phone that is not Android or iOS the menu steps, never the address-bar icon', () => {
		expect(
			installHint({ userAgent: HEADLESS_LINUX_CHROME, uaData: { mobile: true, platform: 'Linux' } })
		).toBe('mobile');
	});

	it('gives a touch-first device with a desktop user agent the menu steps', () => {
		expect(
			installHint({ userAgent: HEADLESS_LINUX_CHROME, maxTouchPoints: 5, coarsePointer: true })
		).toBe('mobile');
	});

	it('keeps desktop steps for a touch laptop whose main pointer is a trackpad', () => {
		expect(
			installHint({ userAgent: HEADLESS_LINUX_CHROME, maxTouchPoints: 10, coarsePointer: false })
		).toBe('desktop');
	});
});
