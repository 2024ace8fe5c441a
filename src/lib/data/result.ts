/** What a call through supabase-js gives back to the UI: a value, or the error to show. */

/** What the UI needs of a supabase-js PostgrestError. */
export interface DataFailure {
	code?: string | undefined;
	message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DataFailure };

/** A failed result carrying the error's code and message (and nothing else of it). */
export function failure(error: { code?: string; message: string }): {
	ok: false;
	error: DataFailure;
} {
	return { ok: false, error: { code: error.code, message: error.message } };
}
