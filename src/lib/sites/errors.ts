/**
 * Turns what PostgREST answers for a refused site write into something a person can act on:
 * check-constraint names become field problems, permission errors a sentence.
 */
import type { DataFailure } from '$lib/data/result.ts';
import type { FieldProblem, SiteField } from './validate.ts';
import { ALLOWED_ORIGINS_MAX, GREETING_MAX_CHARS, SITE_NAME_MAX_CHARS } from './types.ts';

/** Constraint name (in the tenancy migration) → the form field and the message to show. */
const CONSTRAINTS: Readonly<Record<string, { field: SiteField; problem: FieldProblem }>> = {
	sites_name_not_blank: { field: 'name', problem: { key: 'siteForm.errors.nameRequired' } },
	sites_name_length: {
		field: 'name',
		problem: { key: 'siteForm.errors.nameTooLong', values: { max: SITE_NAME_MAX_CHARS } }
	},
	sites_allowed_origins_are_origins: {
		field: 'origins',
		problem: { key: 'siteForm.errors.originsRefused' }
	},
	sites_allowed_origins_count: {
		field: 'origins',
		problem: { key: 'siteForm.errors.tooManyOrigins', values: { max: ALLOWED_ORIGINS_MAX } }
	},
	sites_widget_color_hex: { field: 'widget_color', problem: { key: 'siteForm.errors.color' } },
	sites_widget_position_valid: {
		field: 'widget_position',
		problem: { key: 'siteForm.errors.position' }
	},
	sites_greeting_length: {
		field: 'greeting',
		problem: { key: 'siteForm.errors.greetingLimit', values: { max: GREETING_MAX_CHARS } }
	},
	sites_default_language_tag: {
		field: 'default_language',
		problem: { key: 'siteForm.errors.language' }
	}
};

/** A refused write: on a field (from its check constraint), not allowed, or anything else. */
export type WriteProblem<F extends string, P> =
	| { kind: 'field'; field: F; problem: P }
	| { kind: 'forbidden' }
	| { kind: 'other'; message: string };

export type SiteWriteProblem = WriteProblem<SiteField, FieldProblem>;

/** Classifies a failed write of `sites` with a map of its check constraints to fields. */
export function classifyWrite<F extends string, P>(
	error: DataFailure,
	constraints: Readonly<Record<string, { field: F; problem: P }>>
): WriteProblem<F, P> {
	if (error.code === '23514') {
		const name = /constraint "([^"]+)"/.exec(error.message)?.[1];
		const known = name ? constraints[name] : undefined;
		if (known) return { kind: 'field', ...known };
	}
	if (error.code === '42501' || error.code === 'PGRST301') return { kind: 'forbidden' };
	return { kind: 'other', message: error.message };
}

/** Classifies a failed insert/update of a site. */
export const siteWriteProblem = (error: DataFailure): SiteWriteProblem =>
	classifyWrite(error, CONSTRAINTS);
