/** French interface strings (see en.ts), loaded only when French is the interface language. */
import type { Catalog } from './i18n.ts';
import { admin } from './fr/admin.ts';
import { calls } from './fr/calls.ts';
import { consoleStrings } from './fr/console.ts';
import { ui } from './fr/ui.ts';
import { widget } from './fr/widget.ts';

export const fr = {
	ui,
	widget,
	calls,
	...admin,
	app: {
		name: 'Parley',
		tagline: 'Le service client en temps réel pour votre site, sur vos propres serveurs.'
	},
	common: {
		loading: 'Chargement…'
	},
	nav: {
		label: 'Principal',
		signUp: 'S’inscrire',
		logIn: 'Se connecter',
		signOut: 'Se déconnecter',
		sites: 'Sites',
		account: 'Compte',
		console: 'Console'
	},
	console: consoleStrings
} as const satisfies Catalog;
