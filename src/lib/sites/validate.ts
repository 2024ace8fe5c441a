/**
 * Checks a site form before it is sent, with the same limits the database enforces, so a
 * person sees which field is wrong and why. The database checks again; see errors.ts.
 */
import type { MessageKey, MessageValues } from '$lib/i18n/i18n.ts';
import { normalizeOrigin, splitOrigins, type OriginProblem } from './origins.ts';
import {
	ALLOWED_ORIGINS_MAX,
	GREETING_MAX_CHARS,
	LANGUAGE_TAG_MAX_CHARS,
	SITE_NAME_MAX_CHARS,
	WIDGET_POSITIONS,
	type SiteSettings
} from './types.ts';

/** The form as typed: origins are one text, one per line. */
export interface SiteDraft {
	name: string;
	origins: string;
	widget_color: string;
	widget_position: string;
	greeting: string;
	default_language: string;
}

export type SiteField = keyof SiteDraft;

/** A problem with one field, as a message key and its values. */
export interface FieldProblem {
	key: MessageKey;
	values?: MessageValues;
}

export type SiteValidation =
	| { ok: true; settings: SiteSettings }
	| { ok: false; problems: Partial<Record<SiteField, FieldProblem>> };

const COLOR = /^#[0-9a-f]{6}$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Validates and normalizes a draft into the settings the database stores. */
export function validateSiteDraft(draft: SiteDraft): SiteValidation {
	const problems: Partial<Record<SiteField, FieldProblem>> = {};
	const name = draft.name.trim();
	if (name === '') problems.name = { key: 'siteForm.errors.nameRequired' };
	else if (codePoints(name) > SITE_NAME_MAX_CHARS)
		problems.name = { key: 'siteForm.errors.nameTooLong', values: { max: SITE_NAME_MAX_CHARS } };

	const origins: string[] = [];
	for (const entry of splitOrigins(draft.origins)) {
		const result = normalizeOrigin(entry);
		if (!result.ok) {
			problems.origins = originProblem(entry, result.problem, result.suggestion);
			break;
		}
		if (!origins.includes(result.origin)) origins.push(result.origin);
	}
	// No origin means the widget runs on no page at all: say so rather than save it silently.
	if (!problems.origins && origins.length === 0)
		problems.origins = { key: 'siteForm.errors.originsRequired' };
	if (!problems.origins && origins.length > ALLOWED_ORIGINS_MAX)
		problems.origins = {
			key: 'siteForm.errors.tooManyOrigins',
			values: { max: ALLOWED_ORIGINS_MAX }
		};

	const color = draft.widget_color.trim().toLowerCase();
	if (!COLOR.test(color)) problems.widget_color = { key: 'siteForm.errors.color' };

	const position = WIDGET_POSITIONS.find((p) => p === draft.widget_position);
	if (!position) problems.widget_position = { key: 'siteForm.errors.position' };

	const greetingLength = codePoints(draft.greeting);
	if (greetingLength > GREETING_MAX_CHARS)
		problems.greeting = {
			key: 'siteForm.errors.greetingTooLong',
			values: { max: GREETING_MAX_CHARS, length: greetingLength }
		};

	const language = draft.default_language.trim();
	if (!LANGUAGE_TAG.test(language) || language.length > LANGUAGE_TAG_MAX_CHARS)
		problems.default_language = { key: 'siteForm.errors.language' };

	if (Object.keys(problems).length > 0 || !position) return { ok: false, problems };
	return {
		ok: true,
		settings: {
			name,
			allowed_origins: origins,
			widget_color: color,
			widget_position: position,
			greeting: draft.greeting.trim(),
			default_language: language
		}
	};
}

/** What to tell the person about one entry that is not an origin. */
function originProblem(entry: string, problem: OriginProblem, suggestion?: string): FieldProblem {
	if (problem === 'not-address')
		return { key: 'siteForm.errors.originNotAddress', values: { entry } };
	if (problem === 'bad-scheme') return { key: 'siteForm.errors.originScheme', values: { entry } };
	if (!suggestion) return { key: 'siteForm.errors.originNotAddress', values: { entry } };
	return problem === 'no-scheme'
		? { key: 'siteForm.errors.originNoScheme', values: { entry, suggestion } }
		: { key: 'siteForm.errors.originSuggest', values: { entry, suggestion } };
}

/** Characters as Postgres counts them (code points), without copying a pasted 10 MB text. */
export function codePoints(text: string): number {
	let count = text.length;
	for (let i = 0; i < text.length - 1; i++) {
		const unit = text.charCodeAt(i);
		if (unit >= 0xd800 && unit <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				count--;
				i++;
			}
		}
	}
	return count;
}

/** The form's starting values for an existing site (or the defaults). */
export function draftFromSettings(settings: SiteSettings): SiteDraft {
	return {
		name: settings.name,
		origins: settings.allowed_origins.join('\n'),
		widget_color: settings.widget_color,
		widget_position: settings.widget_position,
		greeting: settings.greeting,
		default_language: settings.default_language
	};
}
