/**
 * Reading request parameters the way GoTrue's `retrieveRequestParams` does: the body is
 * JSON unmarshalled into a typed struct, so malformed JSON and fields of the wrong type
 * are `400 bad_json`, and an oversized body is `413`.
 */
import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '../http.ts';
import { AuthError, ERROR_CODES, badRequest } from './errors.ts';

export type JsonObject = { [key: string]: unknown };

/** The fields of one request body, read with Go's JSON typing rules. */
export class Params {
	readonly #fields: JsonObject;
	readonly #struct: string;
	constructor(fields: JsonObject, struct: string) {
		this.#fields = fields;
		this.#struct = struct;
	}

	#typeError(name: string, want: string, got: unknown): AuthError {
		const kind = Array.isArray(got)
			? 'array'
			: got === null
				? 'null'
				: typeof got === 'object'
					? 'object'
					: typeof got;
		return badRequest(
			ERROR_CODES.badJson,
			`Could not parse request body as JSON: json: cannot unmarshal ${kind} into Go struct field ${this.#struct}.${name} of type ${want}`
		);
	}

	has(name: string): boolean {
		return this.#fields[name] !== undefined && this.#fields[name] !== null;
	}

	/** A string field; absent or null reads as the empty string, as in Go. */
	string(name: string): string {
		const v = this.#fields[name];
		if (v === undefined || v === null) return '';
		if (typeof v !== 'string') throw this.#typeError(name, 'string', v);
		return v;
	}

	/** A `*string` field: null when absent or null. */
	optionalString(name: string): string | null {
		const v = this.#fields[name];
		if (v === undefined || v === null) return null;
		if (typeof v !== 'string') throw this.#typeError(name, 'string', v);
		return v;
	}

	boolean(name: string): boolean {
		const v = this.#fields[name];
		if (v === undefined || v === null) return false;
		if (typeof v !== 'boolean') throw this.#typeError(name, 'bool', v);
		return v;
	}

	/**
	 * A `uuid.UUID` field (gofrs/uuid's UnmarshalText): absent or null is the nil UUID, a
	 * string must be a UUID.
	 */
	uuid(name: string): string {
		const v = this.#fields[name];
		if (v === undefined || v === null) return '00000000-0000-0000-0000-000000000000';
		if (typeof v !== 'string') throw this.#typeError(name, 'uuid.UUID', v);
		if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v))
			return v.toLowerCase();
		throw badRequest(
			ERROR_CODES.badJson,
			v.length === 36
				? `Could not parse request body as JSON: uuid: incorrect UUID format in string ${JSON.stringify(v)}`
				: `Could not parse request body as JSON: uuid: incorrect UUID length ${v.length} in string ${JSON.stringify(v)}`
		);
	}

	/** A `map[string]interface{}` field: null when absent or null. */
	object(name: string): JsonObject | null {
		const v = this.#fields[name];
		if (v === undefined || v === null) return null;
		if (typeof v !== 'object' || Array.isArray(v))
			throw this.#typeError(name, 'map[string]interface {}', v);
		return v as JsonObject;
	}
}

/** Parses a body as GoTrue would unmarshal it into the named params struct. */
export function parseParams(body: Buffer, struct: string): Params {
	const text = body.toString('utf8');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		const reason =
			text.trim() === '' ? 'unexpected end of JSON input' : 'invalid character in JSON input';
		throw badRequest(ERROR_CODES.badJson, `Could not parse request body as JSON: ${reason}`);
	}
	if (value === null) return new Params({}, struct);
	if (typeof value !== 'object' || Array.isArray(value)) {
		const kind = Array.isArray(value) ? 'array' : typeof value;
		throw badRequest(
			ERROR_CODES.badJson,
			`Could not parse request body as JSON: json: cannot unmarshal ${kind} into Go value of type api.${struct}`
		);
	}
	return new Params(value as JsonObject, struct);
}

/** Reads the whole body within the stack's limit. */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
	try {
		return await readBody(req, limitBytes);
	} catch (err) {
		if (err instanceof BodyTooLargeError)
			throw new AuthError(
				413,
				ERROR_CODES.requestEntityTooLarge,
				`Request body too large (max ${err.limitBytes} bytes)`
			);
		throw err;
	}
}

/** Reads and parses the body into params. */
export async function readParams(
	req: IncomingMessage,
	limitBytes: number,
	struct: string
): Promise<Params> {
	return parseParams(await readRequestBody(req, limitBytes), struct);
}
