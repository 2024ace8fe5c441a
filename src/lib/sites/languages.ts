/** Languages offered for a site's default (the widget's language until the visitor's is known). */
export const LANGUAGE_CHOICES: readonly string[] = [
	'en',
	'es',
	'fr',
	'de',
	'pt',
	'it',
	'nl',
	'ca',
	'pl',
	'sv',
	'da',
	'nb',
	'fi',
	'cs',
	'ro',
	'tr',
	'ru',
	'uk',
	'ar',
	'he',
	'hi',
	'zh',
	'ja',
	'ko'
];

/** A language's own name for a tag ("es" → "español"), or the tag when the browser lacks it. */
export function languageName(tag: string): string {
	try {
		return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}
