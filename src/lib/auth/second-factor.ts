/**
 * Two-factor sign-in (TOTP) through supabase-js's `auth.mfa`: whether a session still owes the
 * second factor, turning it on (enrol, show the QR code, confirm with a first code) and off,
 * and passing it with a code. Reduced to the outcomes the pages show; nothing here throws.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { thrownFailure, type AuthFailure } from './errors.ts';

type Client = Pick<SupabaseClient, 'auth'>;
export type Result<T> = { ok: true; value: T } | { ok: false; error: AuthFailure };

const fail = (error: { code?: string; message: string }): { ok: false; error: AuthFailure } => ({
	ok: false,
	error: { code: error.code, message: error.message }
});

/** Runs `fn`, turning a throw (network down) into a failure. */
async function safely<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
	try {
		return await fn();
	} catch (err) {
		return { ok: false, error: thrownFailure(err) };
	}
}

/** The person's verified authenticator factor, or null when two-factor sign-in is off. */
export function verifiedFactor(client: Client): Promise<Result<string | null>> {
	return safely(async () => {
		const { data, error } = await client.auth.mfa.listFactors();
		if (error) return fail(error);
		return { ok: true, value: data.totp.find((f) => f.status === 'verified')?.id ?? null };
	});
}

/** True when the session passed the password but still owes the code (aal1 with aal2 next). */
export async function owesSecondFactor(client: Client): Promise<boolean> {
	try {
		const { data } = await client.auth.mfa.getAuthenticatorAssuranceLevel();
		return data?.currentLevel === 'aal1' && data.nextLevel === 'aal2';
	} catch {
		return false;
	}
}

/** Passes the second factor with a code from the authenticator app. */
export function passSecondFactor(client: Client, code: string): Promise<Result<null>> {
	return safely(async () => {
		const factor = await verifiedFactor(client);
		if (!factor.ok) return factor;
		if (!factor.value) return { ok: true, value: null };
		const { error } = await client.auth.mfa.challengeAndVerify({
			factorId: factor.value,
			code: code.replace(/\s+/g, '')
		});
		return error ? fail(error) : { ok: true, value: null };
	});
}

export interface Enrolment {
	factorId: string;
	/** An SVG data URI of the otpauth link. */
	qrCode: string;
	/** The key to type in when the camera cannot scan. */
	secret: string;
}

/**
 * Starts turning two-factor sign-in on: an unconfirmed factor (replacing any an earlier
 * attempt left behind) whose QR code the authenticator app scans.
 */
export function startEnrolment(client: Client): Promise<Result<Enrolment>> {
	return safely(async () => {
		const listed = await client.auth.mfa.listFactors();
		if (listed.error) return fail(listed.error);
		for (const stale of listed.data.all.filter(
			(f) => f.factor_type === 'totp' && f.status === 'unverified'
		)) {
			const { error } = await client.auth.mfa.unenroll({ factorId: stale.id });
			if (error) return fail(error);
		}
		const { data, error } = await client.auth.mfa.enroll({
			factorType: 'totp',
			friendlyName: 'Authenticator app'
		});
		if (error) return fail(error);
		return {
			ok: true,
			value: { factorId: data.id, qrCode: data.totp.qr_code, secret: data.totp.secret }
		};
	});
}

/** Confirms the enrolment with the app's first code; the session is then aal2. */
export function confirmEnrolment(
	client: Client,
	factorId: string,
	code: string
): Promise<Result<null>> {
	return safely(async () => {
		const { error } = await client.auth.mfa.challengeAndVerify({
			factorId,
			code: code.replace(/\s+/g, '')
		});
		return error ? fail(error) : { ok: true, value: null };
	});
}

/** Turns two-factor sign-in off (the server asks for an aal2 session). */
export function turnOff(client: Client, factorId: string): Promise<Result<null>> {
	return safely(async () => {
		const { error } = await client.auth.mfa.unenroll({ factorId });
		return error ? fail(error) : { ok: true, value: null };
	});
}
