/**
 * Image transformation options as Storage takes them: validated as its
 * `transformationOptionsSchema` (src/http/schemas/transformations.ts) is by Fastify's Ajv
 * (types coerced from query strings, first failure reported as `querystring/width must be
 * integer`), and turned into the segment strings of Storage's `ImageRenderer`
 * (src/storage/renderer/image.ts): `applyTransformation` and `setTransformationsFromString`.
 */
import { StorageError } from './errors.ts';

export const RESIZE_MODES = ['cover', 'contain', 'fill'] as const;
export const FORMATS = ['origin', 'avif', 'webp'] as const;
export const GRAVITIES = [
	'no',
	'so',
	'ea',
	'we',
	'noea',
	'nowe',
	'soea',
	'sowe',
	'ce',
	'sm',
	'fp'
] as const;

export type ResizeMode = (typeof RESIZE_MODES)[number];
export type Format = (typeof FORMATS)[number];
export type Gravity = (typeof GRAVITIES)[number];

/** What a caller may ask for (Storage's `TransformOptions`). */
export interface TransformOptions {
	width?: number;
	height?: number;
	resize?: ResizeMode;
	format?: Format;
	quality?: number;
	gravity?: Gravity;
	x_offset?: number;
	y_offset?: number;
}

/** Storage's default `IMAGE_TRANSFORMATION_LIMIT_MIN_SIZE` / `_MAX_SIZE` (src/config.ts). */
export const SIZE_LIMIT = { min: 1, max: 2000 } as const;

/** A schema failure, worded and shaped as Storage answers Fastify's validation errors. */
export function validationError(message: string): StorageError {
	// error-handler.ts: `error: err.name` of Fastify's plain Error, code from FST_ERR_VALIDATION.
	return new StorageError(400, 'InvalidRequest', message, 'Error');
}

/** Ajv's `coerceTypes: 'array'`: a one-element array stands for its element. */
function unwrap(value: unknown): unknown {
	return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** Ajv's coercion to a number: booleans and null convert, strings only when numeric. */
function toNumber(value: unknown): number | undefined {
	const v = unwrap(value);
	if (typeof v === 'number') return v;
	if (typeof v === 'boolean' || v === null) return Number(v);
	if (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))) return Number(v);
	return undefined;
}

function toStringValue(value: unknown): string | undefined {
	const v = unwrap(value);
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (v === null) return '';
	return undefined;
}

function integerAt(source: Record<string, unknown>, key: string, path: string): number | undefined {
	if (source[key] === undefined) return undefined;
	const n = toNumber(source[key]);
	// Ajv's strictNumbers: Infinity and NaN are not integers.
	if (n === undefined || !Number.isInteger(n))
		throw validationError(`${path}/${key} must be integer`);
	return n;
}

function numberAt(source: Record<string, unknown>, key: string, path: string): number | undefined {
	if (source[key] === undefined) return undefined;
	const n = toNumber(source[key]);
	if (n === undefined || !Number.isFinite(n))
		throw validationError(`${path}/${key} must be number`);
	return n;
}

function oneOf<T extends string>(
	source: Record<string, unknown>,
	key: string,
	path: string,
	allowed: readonly T[]
): T | undefined {
	if (source[key] === undefined) return undefined;
	const s = toStringValue(source[key]);
	if (s === undefined) throw validationError(`${path}/${key} must be string`);
	if (!(allowed as readonly string[]).includes(s))
		throw validationError(`${path}/${key} must be equal to one of the allowed values`);
	return s as T;
}

function atLeast(value: number | undefined, min: number, path: string): void {
	if (value !== undefined && value < min) throw validationError(`${path} must be >= ${min}`);
}

function atMost(value: number | undefined, max: number, path: string): void {
	if (value !== undefined && value > max) throw validationError(`${path} must be <= ${max}`);
}

/**
 * Validates transformation options found in `source` (query parameters, or a JSON body's
 * `transform`), in the schema's property order; `path` is `querystring` or `body/transform`.
 */
export function parseTransformOptions(
	source: Record<string, unknown>,
	path: string
): TransformOptions {
	const out: TransformOptions = {};
	out.height = integerAt(source, 'height', path);
	atLeast(out.height, 0, `${path}/height`);
	out.width = integerAt(source, 'width', path);
	atLeast(out.width, 0, `${path}/width`);
	out.resize = oneOf(source, 'resize', path, RESIZE_MODES);
	out.format = oneOf(source, 'format', path, FORMATS);
	out.quality = integerAt(source, 'quality', path);
	atLeast(out.quality, 20, `${path}/quality`);
	atMost(out.quality, 100, `${path}/quality`);
	out.gravity = oneOf(source, 'gravity', path, GRAVITIES);
	out.x_offset = numberAt(source, 'x_offset', path);
	out.y_offset = numberAt(source, 'y_offset', path);
	if (out.gravity === 'fp') {
		// The schema's `if gravity = fp then` branch; Ajv adds its own line after the failure.
		const failThen = (message: string) =>
			validationError(`${message}, ${path} must match "then" schema`);
		for (const key of ['x_offset', 'y_offset'] as const)
			if (out[key] === undefined) throw failThen(`${path} must have required property '${key}'`);
		for (const key of ['x_offset', 'y_offset'] as const) {
			const v = out[key]!;
			if (v < 0) throw failThen(`${path}/${key} must be >= 0`);
			if (v > 1) throw failThen(`${path}/${key} must be <= 1`);
		}
	}
	for (const key of Object.keys(out) as (keyof TransformOptions)[])
		if (out[key] === undefined) delete out[key];
	return out;
}

/** Reads the transformation parameters of a query string (each name may repeat). */
export function queryTransformOptions(params: URLSearchParams): TransformOptions {
	const source: Record<string, unknown> = {};
	for (const key of new Set(params.keys())) {
		const all = params.getAll(key);
		source[key] = all.length === 1 ? all[0] : all;
	}
	return parseTransformOptions(source, 'querystring');
}

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);

function resizingType(resize: string | undefined): 'fill' | 'fit' | 'force' {
	switch (resize) {
		case 'contain':
			return 'fit';
		case 'fill':
			return 'force';
		default:
			return 'fill';
	}
}

/**
 * Storage's `ImageRenderer.applyTransformation`: the imgproxy segments for the options
 * (`resizing_type:fit`), or with `keepOriginal` the form a signed URL's token carries
 * (`resize:contain`, including Storage's literal `resize:undefined` when none was given).
 */
export function transformationSegments(options: TransformOptions, keepOriginal = false): string[] {
	const segments: string[] = [];
	if (options.height)
		segments.push(`height:${clamp(options.height, SIZE_LIMIT.min, SIZE_LIMIT.max)}`);
	if (options.width) segments.push(`width:${clamp(options.width, SIZE_LIMIT.min, SIZE_LIMIT.max)}`);
	if (options.width || options.height) {
		if (keepOriginal) segments.push(`resize:${options.resize}`);
		else segments.push(`resizing_type:${resizingType(options.resize)}`);
	}
	if (options.quality) segments.push(`quality:${options.quality}`);
	if (options.format && options.format !== 'origin') segments.push(`format:${options.format}`);
	if (options.gravity === 'sm') segments.push('gravity:sm');
	else if (options.gravity === 'fp') {
		const { x_offset: x, y_offset: y } = options;
		const inRange = (v: number | undefined) => v !== undefined && v >= 0 && v <= 1;
		if (!inRange(x) || !inRange(y))
			throw new StorageError(
				400,
				'InvalidParameter',
				'Focal point requires x and y coordinates within 0-1 range'
			);
		segments.push(`gravity:fp:${x}:${y}`);
	} else if (options.gravity) {
		const { x_offset: x, y_offset: y } = options;
		segments.push(
			x === undefined && y === undefined
				? `gravity:${options.gravity}`
				: `gravity:${options.gravity}:${x ?? 0}:${y ?? 0}`
		);
	}
	return segments;
}

/**
 * Storage's `setTransformationsFromString`: the options a signed token's `transformations`
 * claim stands for. Values are taken as written (no schema), as Storage does; a `format`
 * is only what the string names, so `origin` never comes back from a token.
 */
export function optionsFromSegments(transformations: string): TransformOptions {
	const options: TransformOptions = {};
	for (const param of transformations.split(',')) {
		const [name, value, x, y] = param.split(':');
		if (value === undefined || value === '') continue;
		switch (name) {
			case 'height':
				options.height = parseInt(value, 10);
				break;
			case 'width':
				options.width = parseInt(value, 10);
				break;
			case 'resize':
				options.resize = value as ResizeMode;
				break;
			case 'format':
				options.format = value as Format;
				break;
			case 'quality':
				options.quality = parseInt(value, 10);
				break;
			case 'gravity':
				options.gravity = value as Gravity;
				if (x !== undefined && x !== '' && Number.isFinite(parseFloat(x)))
					options.x_offset = parseFloat(x);
				if (y !== undefined && y !== '' && Number.isFinite(parseFloat(y)))
					options.y_offset = parseFloat(y);
				break;
		}
	}
	return options;
}
