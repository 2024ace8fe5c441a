/** German interface strings (see en.ts), loaded only when German is the interface language. */
import type { Catalog } from './i18n.ts';
import { admin } from './de/admin.ts';
import { calls } from './de/calls.ts';
import { consoleStrings } from './de/console.ts';
import { ui } from './de/ui.ts';
import { widget } from './de/widget.ts';

export const de = {
	ui,
	widget,
	calls,
	...admin,
	app: {
		name: 'Parley',
		tagline: 'Kundenservice in Echtzeit für Ihre Website, auf Ihren eigenen Servern.'
	},
	common: {
		loading: 'Wird geladen…'
	},
	nav: {
		label: 'Hauptmenü',
		signUp: 'Registrieren',
		logIn: 'Anmelden',
		signOut: 'Abmelden',
		sites: 'Websites',
		account: 'Konto',
		console: 'Konsole'
	},
	console: consoleStrings
} as const satisfies Catalog;
