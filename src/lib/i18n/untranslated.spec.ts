/**
 * Every user-facing string goes through i18next: this scans each Svelte component for text
 * (and text-bearing attributes) written directly in the markup instead of through `t()`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const SRC_DIR = join(import.meta.dirname, '..', '..');
/** Attributes whose values people read or hear (screen readers included). */
const USER_FACING_ATTRIBUTES = new Set([
	'alt',
	'title',
	'placeholder',
	'aria-label',
	'aria-description',
	'aria-placeholder',
	'aria-roledescription',
	'aria-valuetext',
	'label',
	'content'
]);
/** Text with a letter in it is words; separators like `—` or `·` are layout. */
const HAS_LETTER = /\p{L}/u;

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

interface Node {
	type?: string;
	name?: string;
	data?: string;
	value?: unknown;
	[key: string]: unknown;
}

/** Collects literal words found in markup text and in user-facing attributes. */
function literalTexts(node: unknown, found: string[] = []): string[] {
	if (Array.isArray(node)) {
		for (const child of node) literalTexts(child, found);
		return found;
	}
	if (!node || typeof node !== 'object') return found;
	const n = node as Node;
	if (n.type === 'Text' && typeof n.data === 'string' && HAS_LETTER.test(n.data)) {
		found.push(n.data.trim());
		return found;
	}
	if (n.type === 'Attribute') {
		if (n.name && USER_FACING_ATTRIBUTES.has(n.name)) literalTexts(n.value, found);
		return found;
	}
	// Script expressions are JavaScript, checked by types (`MessageKey`), not here.
	if (n.type === 'ExpressionTag' || n.type === 'Script' || n.type === 'StyleSheet') return found;
	for (const [key, value] of Object.entries(n)) {
		if (key !== 'metadata' && key !== 'expression') literalTexts(value, found);
	}
	return found;
}

describe('Svelte markup', () => {
	const files = svelteFiles(SRC_DIR);

	it('finds the components to check', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	for (const file of files) {
		it(`${relative(SRC_DIR, file)} has no text outside t()`, () => {
			const ast = parse(readFileSync(file, 'utf8'), { modern: true });
			expect(literalTexts(ast.fragment)).toEqual([]);
		});
	}

	it('catches words written directly in markup and labels', () => {
		const ast = parse('<p title="Hi">Hello {name} — <b aria-label={x}>{t("k")}</b></p>', {
			modern: true
		});
		expect(literalTexts(ast.fragment)).toEqual(['Hi', 'Hello']);
	});
});
