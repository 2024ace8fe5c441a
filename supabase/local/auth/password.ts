/** Password and email rules of Supabase Auth, and bcrypt hashing as GoTrue stores it. */
import { bcryptCompare, bcryptHash } from './bcrypt-thread.ts';
import { badRequest, ERROR_CODES, weakPassword } from './errors.ts';

/** bcrypt reads at most 72 bytes, so GoTrue refuses longer passwords outright. */
export const MAX_PASSWORD_BYTES = 72;
/** golang.org/x/crypto/bcrypt DefaultCost, which GoTrue uses. */
export const BCRYPT_COST = 10;
const MAX_EMAIL_LENGTH = 255;

// The format check of github.com/badoux/checkmail, which GoTrue's validateEmail calls.
const EMAIL_FORMAT =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Validates and lower-cases an email address (GoTrue `validateEmail`). */
export function validateEmail(email: string): string {
	if (email === '') throw badRequest(ERROR_CODES.validationFailed, 'An email address is required');
	if (email.length > MAX_EMAIL_LENGTH)
		throw badRequest(ERROR_CODES.validationFailed, 'An email address is too long');
	if (!EMAIL_FORMAT.test(email))
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Unable to validate email address: invalid format'
		);
	return email.toLowerCase();
}

/** Why a password is weak (GoTrue `checkPasswordStrength`), or null when it is acceptable. */
export function passwordWeakness(
	password: string,
	minLength: number
): { message: string; reasons: string[] } | null {
	// Go measures string length in bytes; so do we.
	if (Buffer.byteLength(password) < minLength)
		return { message: `Password should be at least ${minLength} characters.`, reasons: ['length'] };
	return null;
}

/** Throws GoTrue's errors for an overlong or weak password. */
export function checkPasswordStrength(password: string, minLength: number): void {
	if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES)
		throw badRequest(
			ERROR_CODES.validationFailed,
			`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`
		);
	const weak = passwordWeakness(password, minLength);
	if (weak) throw weakPassword(weak.message, weak.reasons);
}

/**
 * Hashes a password with bcrypt, on a thread of its own (bcrypt-thread.ts); call outside any
 * transaction, it is deliberately slow.
 */
export function hashPassword(password: string): Promise<string> {
	return bcryptHash(password, BCRYPT_COST);
}

/** Compares a password with a stored bcrypt hash; a missing or malformed hash never matches. */
export async function comparePassword(password: string, hash: string | null): Promise<boolean> {
	if (!hash || !hash.startsWith('$2')) return false;
	try {
		return await bcryptCompare(password, hash);
	} catch {
		return false;
	}
}
