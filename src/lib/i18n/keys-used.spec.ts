/**
 * Every English key is used somewhere in the source, so no translator works on a string
 * nobody sees. A key counts as used when it is written out in quotes (in any of the forms
 * `t`, `wt` and `ct` take), or when it sits under a prefix the code completes at run time,
 * each of which is listed here and must itself appear in the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { callEffects } from './en/call-effects.ts';
import { PLURAL_CATEGORIES } from './languages.ts';

const SRC_DIR = join(import.meta.dirname, '..', '..');

/**
 * Prefixes completed at run time, with the text in the source that completes them: a template
 * such as `chat.state.${state}`, or for the push notifications, the server reading the
 * object's fields (`S.startedBody`) in server/push/format.ts.
 */
const DYNAMIC: Record<string, string> = {
	'chatSettings.rules.': '`chatSettings.rules.${',
	'console.visitors.filter.': '`console.visitors.filter.${',
	'console.visitors.device.': '`console.visitors.device.${',
	'console.conversations.views.': '`console.conversations.views.${',
	'console.conversations.emptyTitle.': '`console.conversations.emptyTitle.${',
	'console.conversations.empty.': '`console.conversations.empty.${',
	'console.invite.badge.': '`console.invite.badge.${',
	'console.invite.state.': '`console.invite.state.${',
	'staff.state.': '`staff.state.${',
	'widget.chat.failure.': '`chat.failure.${',
	'widget.chat.state.': '`chat.state.${',
	'widget.attach.refused.': '`attach.refused.${',
	'widget.attach.kind.': 'return `attach.kind.${top}`',
	'widget.widget.errors.': '`widget.errors.${',
	'calls.ended.': '`ended.${',
	'callEffects.backgroundImages.': '`backgroundImages.${',
	'callEffects.backgroundProblem.': '`backgroundProblem.${',
	'console.push.notification.': 'en: en.push.notification,',
	'console.transfer.': '`console.transfer.${',
	'callBackgrounds.problems.': '`callBackgrounds.problems.${'
};

type Tree = { readonly [key: string]: string | Tree };
const PLURAL = new RegExp(`_(${PLURAL_CATEGORIES.join('|')})$`);

/** Base keys (plural forms under one key) as dotted paths. */
function keys(tree: Tree, prefix = ''): string[] {
	const found = new Set<string>();
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'string') found.add(prefix + key.replace(PLURAL, ''));
		else for (const k of keys(value, `${prefix}${key}.`)) found.add(k);
	}
	return [...found];
}

/** The ways code names a key: `t` takes it whole, `wt` under widget., `ct` under calls. */
function spellings(key: string): string[] {
	const forms = [key];
	if (key.startsWith('widget.')) forms.push(key.slice('widget.'.length));
	if (key.startsWith('calls.')) forms.push(key.slice('calls.'.length));
	if (key.startsWith('callEffects.')) forms.push(key.slice('callEffects.'.length));
	return forms;
}

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return path.endsWith(join('lib', 'i18n')) ? [] : sources(path);
		return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
	});
}

/** The keys of `tree` that `code` never names. */
export function unusedKeys(tree: Tree, code: string, dynamic: Record<string, string>): string[] {
	const quoted = (s: string) => [`'${s}'`, `"${s}"`, `\`${s}\``].some((q) => code.includes(q));
	// A one-word key ('accept' for ct) counts only as a call's argument: as a bare word it is
	// too common to prove anything.
	const named = (s: string) =>
		s.includes('.') ? quoted(s) : [`t('${s}'`, `t("${s}"`].some((q) => code.includes(q));
	return keys(tree).filter(
		(key) =>
			!spellings(key).some(named) && !Object.keys(dynamic).some((prefix) => key.startsWith(prefix))
	);
}

describe('message keys', () => {
	const code = sources(SRC_DIR)
		.map((file) => readFileSync(file, 'utf8'))
		.join('\n');
	const all = { ...en, callEffects } as Tree;

	it('are all used somewhere in the source', () => {
		expect(unusedKeys(all, code, DYNAMIC)).toEqual([]);
	});

	it('built at run time are listed with the code that builds them, and that code exists', () => {
		const missing = Object.entries(DYNAMIC).filter(([, text]) => !code.includes(text));
		expect(missing).toEqual([]);
		// Every template that builds a key is in the list (or a new dynamic key went unnoticed).
		const templates = [...code.matchAll(/\b(?:t|wt|ct)\(`([\w.-]+\.)\$\{/g)].map((m) => m[1]);
		const listed = Object.values(DYNAMIC);
		expect(templates.filter((p) => !listed.some((text) => text.startsWith(`\`${p}\${`)))).toEqual(
			[]
		);
	});

	it('notices a key nobody uses', () => {
		const tree = { a: { used: 'x', unused: 'y', pages_one: 'p', pages_other: 'p' } };
		expect(unusedKeys(tree, "t('a.used'); t(`a.pages`)", {})).toEqual(['a.unused']);
	});
});
