import { describe, expect, it } from 'vitest';
import {
	base32Decode,
	base32Encode,
	generateTotpSecret,
	hotp,
	otpauthQrSvg,
	otpauthUri,
	totp,
	validateTotp
} from './totp.ts';

const RFC_SECRET = Buffer.from('12345678901234567890');

describe('base32 (RFC 4648 section 10)', () => {
	it.each([
		['', ''],
		['f', 'MY'],
		['fo', 'MZXQ'],
		['foo', 'MZXW6'],
		['foob', 'MZXW6YQ'],
		['fooba', 'MZXW6YTB'],
		['foobar', 'MZXW6YTBOI']
	])('encodes %j without padding and decodes it back', (plain, encoded) => {
		expect(base32Encode(Buffer.from(plain))).toBe(encoded);
		expect(base32Decode(encoded).toString()).toBe(plain);
	});
	it('accepts padding and lower case, refuses other characters', () => {
		expect(base32Decode('mzxw6ytboi======').toString()).toBe('foobar');
		expect(() => base32Decode('MZ1')).toThrow();
	});
	it('makes 32-character secrets of 20 random bytes', () => {
		const secret = generateTotpSecret();
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(base32Decode(secret)).toHaveLength(20);
	});
});

describe('HOTP (RFC 4226 appendix D)', () => {
	it('gives the published values for counters 0..9', () => {
		const expected = [
			'755224',
			'287082',
			'359152',
			'969429',
			'338314',
			'254676',
			'287922',
			'162583',
			'399871',
			'520489'
		];
		expect(expected.map((_, i) => hotp(RFC_SECRET, i))).toEqual(expected);
	});
});

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
	it.each([
		[59, '94287082'],
		[1111111109, '07081804'],
		[1111111111, '14050471'],
		[1234567890, '89005924'],
		[2000000000, '69279037'],
		[20000000000, '65353130']
	])('at T=%i is %s', (seconds, code) => {
		expect(hotp(RFC_SECRET, Math.floor(seconds / 30), 8)).toBe(code);
		// Six digits are the last six of the eight.
		expect(totp(base32Encode(RFC_SECRET), seconds * 1000)).toBe(code.slice(2));
	});

	it('accepts one step of skew either way and nothing further', () => {
		const secret = base32Encode(RFC_SECRET);
		const now = 1_700_000_000_000;
		expect(validateTotp(totp(secret, now), secret, now)).toBe(true);
		expect(validateTotp(totp(secret, now - 30_000), secret, now)).toBe(true);
		expect(validateTotp(totp(secret, now + 30_000), secret, now)).toBe(true);
		expect(validateTotp(totp(secret, now - 60_000), secret, now)).toBe(false);
		expect(validateTotp(totp(secret, now + 60_000), secret, now)).toBe(false);
	});

	it('refuses codes of the wrong length or with a broken secret', () => {
		const secret = base32Encode(RFC_SECRET);
		const now = 1_700_000_000_000;
		expect(validateTotp(totp(secret, now).slice(1), secret, now)).toBe(false);
		expect(validateTotp(`${totp(secret, now)}0`, secret, now)).toBe(false);
		expect(validateTotp('123456', '!!', now)).toBe(false);
	});
});

describe('otpauth URI and its SVG', () => {
	it('is written as pquerna/otp writes it', () => {
		expect(otpauthUri('localhost:54321', 'ada@example.test', 'ABC')).toBe(
			'otpauth://totp/localhost:54321:ada@example.test?algorithm=SHA1&digits=6&issuer=localhost%3A54321&period=30&secret=ABC'
		);
		expect(otpauthUri('My App', 'a b', 'S')).toContain('otpauth://totp/My%20App:a%20b?');
	});
	it('draws a QR code of the URI as SVG markup', async () => {
		const uri = otpauthUri('Parley', 'ada@example.test', 'JBSWY3DPEHPK3PXP');
		const svg = await otpauthQrSvg(uri);
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
		expect(svg).toContain('<path');
		// The SVG goes into a data: URI unencoded, where `#` would start a fragment.
		expect(svg).not.toContain('#');
		expect(await otpauthQrSvg(uri)).toBe(svg);
		expect(await otpauthQrSvg(`${uri}x`)).not.toBe(svg);
	});
});
