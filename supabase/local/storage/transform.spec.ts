import { describe, expect, it } from 'vitest';
import { StorageError } from './errors.ts';
import {
	optionsFromSegments,
	parseTransformOptions,
	queryTransformOptions,
	transformationSegments
} from './transform.ts';

/** The error a query string is refused with, as Storage's Fastify validator words it. */
function refusal(query: string): unknown {
	try {
		queryTransformOptions(new URLSearchParams(query));
	} catch (err) {
		expect(err).toBeInstanceOf(StorageError);
		return (err as StorageError).body();
	}
	return undefined;
}

describe('queryTransformOptions', () => {
	it('coerces numbers from the query string and keeps only the known parameters', () => {
		expect(
			queryTransformOptions(
				new URLSearchParams('width=100&height=50&resize=contain&quality=20&format=origin&x=1')
			)
		).toEqual({ width: 100, height: 50, resize: 'contain', quality: 20, format: 'origin' });
		expect(queryTransformOptions(new URLSearchParams('width=0&cacheNonce=3'))).toEqual({
			width: 0
		});
	});

	const refused: [string, string][] = [
		['width=abc', 'querystring/width must be integer'],
		['width=', 'querystring/width must be integer'],
		['width=1.5', 'querystring/width must be integer'],
		['width=Infinity', 'querystring/width must be integer'],
		['width=1&width=2', 'querystring/width must be integer'],
		['height=-1', 'querystring/height must be >= 0'],
		['height=x&width=y', 'querystring/height must be integer'],
		['quality=19', 'querystring/quality must be >= 20'],
		['quality=101', 'querystring/quality must be <= 100'],
		['resize=crop', 'querystring/resize must be equal to one of the allowed values'],
		['resize=cover%0Ax', 'querystring/resize must be equal to one of the allowed values'],
		['format=png', 'querystring/format must be equal to one of the allowed values'],
		['gravity=obj', 'querystring/gravity must be equal to one of the allowed values'],
		['x_offset=a', 'querystring/x_offset must be number'],
		[
			'gravity=fp&y_offset=0.5',
			`querystring must have required property 'x_offset', querystring must match "then" schema`
		],
		[
			'gravity=fp&x_offset=1.1&y_offset=0.5',
			'querystring/x_offset must be <= 1, querystring must match "then" schema'
		]
	];
	for (const [query, message] of refused)
		it(`refuses ${query} with "${message}"`, () => {
			expect(refusal(query)).toEqual({
				statusCode: '400',
				code: 'InvalidRequest',
				error: 'Error',
				message
			});
		});

	it('takes JSON values as Ajv coerces them in a body', () => {
		expect(parseTransformOptions({ width: '100', height: 20, resize: 'fill' }, 'b')).toEqual({
			width: 100,
			height: 20,
			resize: 'fill'
		});
		expect(() => parseTransformOptions({ width: 1.5 }, 'body/transform')).toThrow(
			'body/transform/width must be integer'
		);
		expect(() => parseTransformOptions({ resize: {} }, 'body/transform')).toThrow(
			'body/transform/resize must be string'
		);
	});
});

describe('transformationSegments (Storage ImageRenderer.applyTransformation)', () => {
	it('names imgproxy resizing types, clamping sizes to 1..2000', () => {
		expect(transformationSegments({ width: 100, height: 100 })).toEqual([
			'height:100',
			'width:100',
			'resizing_type:fill'
		]);
		expect(transformationSegments({ width: 5000, resize: 'contain', quality: 50 })).toEqual([
			'width:2000',
			'resizing_type:fit',
			'quality:50'
		]);
		expect(transformationSegments({ height: 10, resize: 'fill', format: 'webp' })).toEqual([
			'height:10',
			'resizing_type:force',
			'format:webp'
		]);
		expect(transformationSegments({ width: 0, format: 'origin' })).toEqual([]);
		expect(transformationSegments({ gravity: 'noea', x_offset: 5 })).toEqual(['gravity:noea:5:0']);
	});

	it('keeps the resize mode as given for a signed token, "undefined" included', () => {
		expect(transformationSegments({ width: 100, height: 100, resize: 'contain' }, true)).toEqual([
			'height:100',
			'width:100',
			'resize:contain'
		]);
		expect(transformationSegments({ width: 100 }, true).join(',')).toBe(
			'width:100,resize:undefined'
		);
	});

	it('reads a signed token back, as setTransformationsFromString does', () => {
		expect(optionsFromSegments('width:100,resize:undefined,quality:30,format:webp')).toEqual({
			width: 100,
			resize: 'undefined',
			quality: 30,
			format: 'webp'
		});
		expect(transformationSegments(optionsFromSegments('width:100,resize:undefined'))).toEqual([
			'width:100',
			'resizing_type:fill'
		]);
		expect(optionsFromSegments('')).toEqual({});
		expect(optionsFromSegments('gravity:fp:0.2:0.7')).toEqual({
			gravity: 'fp',
			x_offset: 0.2,
			y_offset: 0.7
		});
	});
});
