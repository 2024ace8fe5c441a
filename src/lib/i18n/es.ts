/** Spanish interface strings (see en.ts), loaded only when Spanish is the interface language. */
import type { Catalog } from './i18n.ts';
import { admin } from './es/admin.ts';
import { calls } from './es/calls.ts';
import { consoleStrings } from './es/console.ts';
import { ui } from './es/ui.ts';
import { widget } from './es/widget.ts';

export const es = {
	ui,
	widget,
	calls,
	...admin,
	app: {
		name: 'Parley',
		tagline: 'Atención al cliente en tiempo real para tu web, en tus propios servidores.'
	},
	common: {
		loading: 'Cargando…'
	},
	nav: {
		label: 'Principal',
		signUp: 'Registrarse',
		logIn: 'Iniciar sesión',
		signOut: 'Cerrar sesión',
		sites: 'Sitios',
		account: 'Cuenta',
		console: 'Consola'
	},
	console: consoleStrings
} as const satisfies Catalog;
