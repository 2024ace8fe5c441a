import { describe, expect, it } from 'vitest';
import { deviceOf, parseScreen } from './device.ts';

const UA = {
	iphone:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
	ipad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
	ipadDesktopMode:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
	androidPhone:
		'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
	androidTablet:
		'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
	samsung:
		'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
	windowsEdge:
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
	macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
	linuxChrome:
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
	iphoneChrome:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
	opera:
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0'
};

describe('deviceOf', () => {
	it.each([
		['an iPhone', UA.iphone, '390x844', { kind: 'phone', os: 'iOS', browser: 'Safari' }],
		['an iPad', UA.ipad, '820x1180', { kind: 'tablet', os: 'iPadOS', browser: 'Safari' }],
		[
			'an iPad asking for desktop sites',
			UA.ipadDesktopMode,
			'820x1180',
			{ kind: 'tablet', os: 'macOS', browser: 'Safari' }
		],
		['a Mac', UA.ipadDesktopMode, '1512x982', { kind: 'desktop', os: 'macOS', browser: 'Safari' }],
		[
			'an Android phone',
			UA.androidPhone,
			'412x915',
			{ kind: 'phone', os: 'Android', browser: 'Chrome' }
		],
		[
			'an Android tablet',
			UA.androidTablet,
			'1280x800',
			{ kind: 'tablet', os: 'Android', browser: 'Chrome' }
		],
		[
			'Samsung Internet',
			UA.samsung,
			'',
			{ kind: 'phone', os: 'Android', browser: 'Samsung Internet' }
		],
		[
			'Edge on Windows',
			UA.windowsEdge,
			'1920x1080',
			{ kind: 'desktop', os: 'Windows', browser: 'Edge' }
		],
		['Firefox on a Mac', UA.macFirefox, '', { kind: 'desktop', os: 'macOS', browser: 'Firefox' }],
		[
			'Chrome on Linux',
			UA.linuxChrome,
			'1280x800',
			{ kind: 'desktop', os: 'Linux', browser: 'Chrome' }
		],
		['Chrome on an iPhone', UA.iphoneChrome, '', { kind: 'phone', os: 'iOS', browser: 'Chrome' }],
		['Opera', UA.opera, '', { kind: 'desktop', os: 'Windows', browser: 'Opera' }],
		[
			'an unknown agent on a small screen',
			'curl/8.0',
			'360x640',
			{ kind: 'phone', os: '', browser: '' }
		],
		['nothing at all', '', '', { kind: 'desktop', os: '', browser: '' }]
	])('recognises %s', (_name, ua, screen, expected) => {
		expect(deviceOf(ua, screen)).toEqual(expected);
	});
});

describe('parseScreen', () => {
	it.each([
		['390x844', { width: 390, height: 844 }],
		['x844', null],
		['390×844', null],
		['', null]
	])('reads %j', (screen, expected) => {
		expect(parseScreen(screen)).toEqual(expected);
	});
});
