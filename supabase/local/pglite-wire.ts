/**
 * The Postgres wire protocol between the stack and PGlite, written and read here.
 *
 * PGlite's own protocol code is pg-protocol compiled with every private field a `WeakMap`:
 * each field read of its buffer reader is a map lookup, each string it reads is first copied
 * into an `ArrayBuffer` of its own, and each message it writes grows a `DataView`. On the
 * database thread at 550 messages/s that was 12 % of the thread (7 % reading what the backend
 * answered, 5 % writing the messages sent), for a dozen small messages per request
 * (bench/README.md, "The wire protocol read and written by the stack"). Here the same
 * messages are written into one `Buffer` each and read with a `DataView` and Node's native
 * UTF-8 decoding, and PGlite is asked only for the backend's raw bytes
 * (`execProtocolRawStream`).
 *
 * What PGlite did with the messages it read, this does as well: the first error is thrown as
 * PGlite's `DatabaseError` with every field, notices are dropped (PGlite logs them only when
 * debugging), and notifications go to this wire's listeners, each in a microtask of its own.
 */
import type { PGlite, Results } from '@electric-sql/pglite';

type PgliteModule = typeof import('@electric-sql/pglite');
export type Parsers = Record<number, (value: string, typeId: number) => unknown>;

/** A backend message, with what the stack reads of it. */
export type BackendMessage =
	| { name: 'parseComplete' | 'bindComplete' | 'closeComplete' | 'noData' }
	| { name: 'portalSuspended' | 'emptyQuery' | 'readyForQuery' }
	| { name: 'commandComplete'; text: string }
	| { name: 'rowDescription'; fields: { name: string; dataTypeID: number }[] }
	| { name: 'dataRow'; fields: (string | null)[] }
	| { name: 'parameterDescription'; dataTypeIDs: number[] };

// ------------------------------------------------------------------ frontend messages

/** Message `code` with a payload of `length` bytes, which `write` writes from offset 5 on. */
function message(code: number, length: number, write: (buf: Buffer, at: number) => number) {
	const buf = Buffer.allocUnsafe(5 + length);
	buf[0] = code;
	buf.writeInt32BE(4 + length, 1);
	const end = write(buf, 5);
	if (end !== buf.length)
		throw new Error(`protocol message ${code}: wrote ${end} of ${buf.length}`);
	return buf;
}

function cstring(buf: Buffer, at: number, text: string, bytes: number): number {
	buf.write(text, at, bytes, 'utf8');
	buf[at + bytes] = 0;
	return at + bytes + 1;
}

/** Text that is to go in a C string: a NUL would end it early, so it is refused. */
function cstringBytes(text: string): number {
	if (text.includes('\0')) throw new TypeError('a protocol string cannot contain a NUL character');
	return Buffer.byteLength(text, 'utf8');
}

const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
const EXECUTE = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);

export const frontend = {
	/** Query ('Q'): a simple-protocol query or script. */
	query(text: string): Buffer {
		const n = cstringBytes(text);
		return message(0x51, n + 1, (buf, at) => cstring(buf, at, text, n));
	},
	/** Parse ('P'): `text` as statement `name` ('' the unnamed one), its parameters' types inferred. */
	parse(name: string, text: string): Buffer {
		const nn = cstringBytes(name);
		const nt = cstringBytes(text);
		return message(0x50, nn + 1 + nt + 1 + 2, (buf, at) => {
			at = cstring(buf, at, name, nn);
			at = cstring(buf, at, text, nt);
			return buf.writeInt16BE(0, at);
		});
	},
	/** Describe ('D') a statement ('S') or the unnamed portal ('P'). */
	describe(type: 'S' | 'P', name = ''): Buffer {
		const nn = cstringBytes(name);
		return message(0x44, 1 + nn + 1, (buf, at) => {
			buf[at] = type.charCodeAt(0);
			return cstring(buf, at + 1, name, nn);
		});
	},
	/** Bind ('B') `values` as text (null for NULL) to statement `statement`, in the unnamed portal. */
	bind(statement: string, values: readonly (string | null)[]): Buffer {
		const ns = cstringBytes(statement);
		if (values.length > 0xffff) throw new RangeError(`too many parameters: ${values.length}`);
		let length = 1 + ns + 1 + 2 + 2 + 2;
		const sizes = values.map((v) => (v === null ? -1 : Buffer.byteLength(v, 'utf8')));
		for (const s of sizes) length += 4 + Math.max(s, 0);
		return message(0x42, length, (buf, at) => {
			buf[at++] = 0; // the unnamed portal
			at = cstring(buf, at, statement, ns);
			at = buf.writeInt16BE(0, at); // every parameter as text
			at = buf.writeInt16BE(values.length, at);
			for (let i = 0; i < values.length; i++) {
				at = buf.writeInt32BE(sizes[i], at);
				if (sizes[i] > 0) at += buf.write(values[i] as string, at, sizes[i], 'utf8');
			}
			return buf.writeInt16BE(0, at); // every result column as text
		});
	},
	/** Execute ('E') the unnamed portal, every row. */
	execute(): Buffer {
		return EXECUTE;
	},
	/** Close ('C') statement `name`. */
	close(name: string): Buffer {
		const nn = cstringBytes(name);
		return message(0x43, 1 + nn + 1, (buf, at) => {
			buf[at] = 0x53;
			return cstring(buf, at + 1, name, nn);
		});
	},
	/** Sync ('S'): the end of a batch of extended-protocol messages. */
	sync(): Buffer {
		return SYNC;
	}
};

/** The first byte of a simple-protocol query message. */
export const QUERY = 0x51;

// ------------------------------------------------------------------ backend messages

/** ErrorResponse and NoticeResponse field codes, by the name PGlite's DatabaseError gives each. */
const ERROR_FIELDS: Record<string, string> = {
	S: 'severity',
	C: 'code',
	D: 'detail',
	H: 'hint',
	P: 'position',
	p: 'internalPosition',
	q: 'internalQuery',
	W: 'where',
	s: 'schema',
	t: 'table',
	c: 'column',
	d: 'dataType',
	n: 'constraint',
	F: 'file',
	L: 'line',
	R: 'routine'
};

/** The messages that carry nothing but their kind, by their code; shared, never changed. */
const BARE: Record<number, BackendMessage | undefined> = {
	0x31: Object.freeze({ name: 'parseComplete' }), // '1'
	0x32: Object.freeze({ name: 'bindComplete' }), // '2'
	0x33: Object.freeze({ name: 'closeComplete' }), // '3'
	0x6e: Object.freeze({ name: 'noData' }), // 'n'
	0x73: Object.freeze({ name: 'portalSuspended' }), // 's'
	0x49: Object.freeze({ name: 'emptyQuery' }), // 'I'
	0x5a: Object.freeze({ name: 'readyForQuery' }) // 'Z'
};

/** What one exchange answered. */
export interface Reply {
	messages: BackendMessage[];
	/** The first ErrorResponse's fields, by their one-letter codes. */
	error?: Record<string, string>;
	/** The error's length field, as PGlite's DatabaseError keeps it. */
	errorLength?: number;
	notifications: { channel: string; payload: string }[];
}

/** Reads backend messages from `bytes`; a message cut short is an error. */
export function readBackend(bytes: Buffer): Reply {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const reply: Reply = { messages: [], notifications: [] };
	let at = 0;
	/** Reads a C string from `at` on, moving past its NUL. */
	const cstr = (): string => {
		const end = bytes.indexOf(0, at);
		if (end < 0) throw new Error('protocol: a string without its end');
		const s = bytes.toString('utf8', at, end);
		at = end + 1;
		return s;
	};
	while (at < bytes.length) {
		if (at + 5 > bytes.length) throw new Error('protocol: a message cut short');
		const code = bytes[at];
		const length = view.getInt32(at + 1);
		const end = at + 1 + length;
		if (length < 4 || end > bytes.length) throw new Error('protocol: a message cut short');
		at += 5;
		switch (code) {
			case 0x43: // 'C'
				reply.messages.push({ name: 'commandComplete', text: cstr() });
				break;
			case 0x54: {
				// 'T'
				const n = view.getInt16(at);
				at += 2;
				const fields = new Array<{ name: string; dataTypeID: number }>(n);
				for (let i = 0; i < n; i++) {
					const name = cstr();
					fields[i] = { name, dataTypeID: view.getInt32(at + 6) };
					at += 18;
				}
				reply.messages.push({ name: 'rowDescription', fields });
				break;
			}
			case 0x44: {
				// 'D'
				const n = view.getInt16(at);
				at += 2;
				const fields = new Array<string | null>(n);
				for (let i = 0; i < n; i++) {
					const size = view.getInt32(at);
					at += 4;
					if (size < 0) fields[i] = null;
					else {
						fields[i] = bytes.toString('utf8', at, at + size);
						at += size;
					}
				}
				reply.messages.push({ name: 'dataRow', fields });
				break;
			}
			case 0x74: {
				// 't'
				const n = view.getInt16(at);
				const dataTypeIDs = new Array<number>(n);
				for (let i = 0; i < n; i++) dataTypeIDs[i] = view.getInt32(at + 2 + 4 * i);
				reply.messages.push({ name: 'parameterDescription', dataTypeIDs });
				break;
			}
			case 0x45: {
				// 'E': only the first error counts, as PGlite reads it.
				if (reply.error) break;
				const fields: Record<string, string> = {};
				while (bytes[at] !== 0) {
					const key = String.fromCharCode(bytes[at++]);
					fields[key] = cstr();
				}
				reply.error = fields;
				reply.errorLength = length;
				break;
			}
			case 0x41: {
				// 'A'
				at += 4; // the notifying backend's process id
				const channel = cstr();
				reply.notifications.push({ channel, payload: cstr() });
				break;
			}
			default: {
				const bare = BARE[code];
				if (bare) reply.messages.push(bare);
				// NoticeResponse, ParameterStatus, BackendKeyData and the COPY messages are not read.
			}
		}
		at = end;
	}
	return reply;
}

/** The error as PGlite throws it: its `DatabaseError`, with every field the backend sent. */
export function databaseError(
	module: PgliteModule,
	fields: Record<string, string>,
	length: number
): Error {
	const err = new module.messages.DatabaseError(fields.M ?? 'unknown error', length, 'error');
	for (const [code, name] of Object.entries(ERROR_FIELDS))
		(err as unknown as Record<string, string | undefined>)[name] = fields[code];
	return err;
}

/**
 * The result of `messages` as PGlite's `parseResults` makes it from its own messages, for the
 * last command in them: rows keyed by column, each value read by the parser of its type
 * (`extra` first), and `affectedRows` as the writes among them changed.
 */
export function resultOf<T>(
	messages: readonly BackendMessage[],
	parsers: Parsers,
	extra?: Parsers
): Results<T> & { command?: string } {
	let fields: { name: string; dataTypeID: number }[] = [];
	let rows: Record<string, unknown>[] = [];
	let affectedRows = 0;
	let last: (Results<T> & { command?: string }) | undefined;
	for (const m of messages) {
		if (m.name === 'rowDescription') fields = m.fields;
		else if (m.name === 'dataRow') {
			const row: Record<string, unknown> = {};
			for (let i = 0; i < m.fields.length; i++) {
				const value = m.fields[i];
				const { name, dataTypeID } = fields[i];
				const parse = extra?.[dataTypeID] ?? parsers[dataTypeID];
				row[name] = value === null || !parse ? value : parse(value, dataTypeID);
			}
			rows.push(row);
		} else if (m.name === 'commandComplete') {
			const words = m.text.split(' ');
			const command = words[0];
			const count = parseInt(words[words.length - 1], 10);
			if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command)) affectedRows += count;
			last = {
				rows: rows as T[],
				fields: fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
				command,
				affectedRows
			};
			fields = [];
			rows = [];
		}
	}
	return last ?? { rows: [], fields: [], affectedRows: 0 };
}

// ------------------------------------------------------------------ exchanges

/**
 * One PGlite's way in and out by raw bytes. Holds PGlite's query lock for each exchange, as
 * PGlite's own `execProtocol` does.
 */
export class PgliteWire {
	readonly #pg: PGlite;
	readonly #module: PgliteModule;
	readonly #listeners = new Map<string, Set<(payload: string) => void>>();

	constructor(pg: PGlite, module: PgliteModule) {
		this.#pg = pg;
		this.#module = module;
	}

	/**
	 * Sends `message` (frontend messages one after another) in one call into PGlite and gives
	 * what the backend answered; throws its first error.
	 */
	async exchange(message: Uint8Array): Promise<BackendMessage[]> {
		const reply = await this.#pg._runExclusiveQuery(async () => {
			const chunks: Buffer[] = [];
			await this.#pg.execProtocolRawStream(message, {
				syncToFs: false,
				// A view of PGlite's memory, written over by the next call: copied at once.
				onRawData: (chunk) => void chunks.push(Buffer.from(chunk))
			});
			return readBackend(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
		});
		for (const { channel, payload } of reply.notifications) {
			const listeners = this.#listeners.get(channel);
			if (listeners) for (const hear of listeners) queueMicrotask(() => hear(payload));
		}
		if (reply.error) throw databaseError(this.#module, reply.error, reply.errorLength ?? 0);
		return reply.messages;
	}

	/**
	 * LISTENs to `channel`: `onPayload` hears each notification on it, whether PGlite's own
	 * queries or this wire's exchanges bring it (each is read by one of the two). Resolves to
	 * the way to stop.
	 */
	async listen(
		channel: string,
		onPayload: (payload: string) => void
	): Promise<() => Promise<void>> {
		// PGlite's name for it: as written when quoted, else in lower case.
		const name =
			channel.startsWith('"') && channel.endsWith('"')
				? channel.slice(1, -1)
				: channel.toLowerCase();
		const unlisten = await this.#pg.listen(channel, onPayload);
		let set = this.#listeners.get(name);
		if (!set) this.#listeners.set(name, (set = new Set()));
		set.add(onPayload);
		return async () => {
			set.delete(onPayload);
			if (set.size === 0 && this.#listeners.get(name) === set) this.#listeners.delete(name);
			if (!this.#pg.closed) await unlisten();
		};
	}
}
