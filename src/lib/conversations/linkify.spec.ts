import { describe, expect, it } from 'vitest';
import { linkify, safeHref, type Segment } from './linkify.ts';

const text = (t: string): Segment => ({ kind: 'text', text: t });
const link = (t: string, href = t): Segment => ({ kind: 'link', text: t, href });

describe('linkify', () => {
	const cases: [string, string, Segment[]][] = [
		['plain text stays one text piece', 'Hello there', [text('Hello there')]],
		['an empty message has no pieces', '', []],
		[
			'an https URL becomes a link',
			'See https://example.com/a?b=1 now',
			[text('See '), link('https://example.com/a?b=1'), text(' now')]
		],
		[
			'an http URL becomes a link',
			'http://shop.test',
			[link('http://shop.test', 'http://shop.test/')]
		],
		[
			'trailing punctuation stays outside the link',
			'Go to https://example.com/x.',
			[text('Go to '), link('https://example.com/x'), text('.')]
		],
		[
			'a closing parenthesis that closes the sentence stays outside',
			'(see https://example.com/a)',
			[text('(see '), link('https://example.com/a'), text(')')]
		],
		[
			'balanced parentheses stay inside',
			'https://en.wikipedia.org/wiki/Foo_(bar)',
			[link('https://en.wikipedia.org/wiki/Foo_(bar)')]
		],
		[
			'a script tag is text, as typed',
			'<script>alert(1)</script>',
			[text('<script>alert(1)</script>')]
		],
		[
			'HTML around a URL is text and the URL ends at the angle bracket',
			'<a href="https://evil.test">x</a>',
			[text('<a href="'), link('https://evil.test', 'https://evil.test/'), text('">x</a>')]
		],
		[
			'a javascript: URL is not a link',
			'javascript:alert(document.cookie)',
			[text('javascript:alert(document.cookie)')]
		],
		[
			'a data: URL is not a link',
			'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
			[text('data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==')]
		],
		[
			'a vbscript: or file: URL is not a link',
			'file:///etc/passwd vbscript:x',
			[text('file:///etc/passwd vbscript:x')]
		],
		['HTML entities stay as typed', '&lt;b&gt; &amp; &#x3C;', [text('&lt;b&gt; &amp; &#x3C;')]],
		[
			'entities in a URL are kept as typed, not decoded',
			'https://example.com/?a=1&amp;b=2',
			[link('https://example.com/?a=1&amp;b=2')]
		],
		['a scheme without a host is not a link', 'http:// nothing', [text('http:// nothing')]],
		[
			'http inside a javascript: URL links only the http part',
			'javascript:https://x.test',
			[text('javascript:'), link('https://x.test', 'https://x.test/')]
		],
		[
			'two URLs become two links',
			'https://a.test and https://b.test',
			[
				link('https://a.test', 'https://a.test/'),
				text(' and '),
				link('https://b.test', 'https://b.test/')
			]
		],
		[
			'upper-case schemes are links',
			'HTTPS://EXAMPLE.COM',
			[link('HTTPS://EXAMPLE.COM', 'https://example.com/')]
		]
	];
	for (const [name, input, expected] of cases) {
		it(name, () => expect(linkify(input)).toEqual(expected));
	}

	it('never produces an href other than http or https', () => {
		const hostile = [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'https://ok.test javascript:void(0)',
			'\u0000javascript:alert(1)',
			'https://x.test/"onmouseover="alert(1)'
		];
		for (const input of hostile) {
			for (const s of linkify(input)) {
				if (s.kind === 'link') expect(s.href).toMatch(/^https?:\/\//);
			}
		}
	});

	it('keeps quotes out of hrefs so they cannot break an attribute', () => {
		const links = linkify('https://x.test/"onmouseover="alert(1)').filter((s) => s.kind === 'link');
		expect(links).toEqual([link('https://x.test/', 'https://x.test/')]);
	});
});

describe('safeHref', () => {
	it('accepts http and https only', () => {
		expect(safeHref('https://a.test/x')).toBe('https://a.test/x');
		expect(safeHref('http://a.test')).toBe('http://a.test/');
		expect(safeHref('javascript:alert(1)')).toBeNull();
		expect(safeHref('data:text/plain,hi')).toBeNull();
		expect(safeHref('ftp://a.test')).toBeNull();
		expect(safeHref('not a url')).toBeNull();
	});
});
