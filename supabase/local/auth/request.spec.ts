import { describe, expect, it } from 'vitest';
import { parseParams } from './request.ts';

const parse = (text: string) => parseParams(Buffer.from(text), 'SignupParams');

describe('reading params as Go unmarshals them', () => {
	it('reads absent and null fields as Go zero values', () => {
		const p = parse('{"email":null}');
		expect(p.string('email')).toBe('');
		expect(p.optionalString('password')).toBeNull();
		expect(p.boolean('email_confirm')).toBe(false);
		expect(p.object('data')).toBeNull();
	});

	it('treats a JSON null body as empty params', () => {
		expect(parse('null').string('email')).toBe('');
	});

	it.each([
		['', 'unexpected end of JSON input'],
		['{', 'invalid character'],
		['"x"', 'cannot unmarshal string into Go value of type api.SignupParams'],
		['[]', 'cannot unmarshal array into Go value of type api.SignupParams']
	])('refuses body %j with bad_json', (body, fragment) => {
		expect(() => parse(body)).toThrow(
			expect.objectContaining({
				status: 400,
				code: 'bad_json',
				message: expect.stringContaining(fragment)
			})
		);
	});

	it('refuses fields of the wrong type with bad_json naming the struct field', () => {
		expect(() => parse('{"email":1}').string('email')).toThrow(
			'json: cannot unmarshal number into Go struct field SignupParams.email of type string'
		);
		expect(() => parse('{"data":[1]}').object('data')).toThrow('cannot unmarshal array');
		expect(() => parse('{"email_confirm":"yes"}').boolean('email_confirm')).toThrow('of type bool');
	});
});
