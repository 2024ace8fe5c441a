/** German strings of the design system's shared components (see en/ui.ts). */
import type { ui as en } from '../en/ui.ts';
import type { Translation } from '../languages.ts';

export const ui = {
	optional: 'optional',
	counter: '{{count}} / {{max}}',
	close: 'Schließen',
	showPassword: 'Passwort anzeigen',
	theme: {
		label: 'Farbschema',
		light: 'Hell',
		dark: 'Dunkel',
		system: 'System'
	},
	language: {
		label: 'Sprache',
		lead: 'Die Sprache von Parley auf diesem Gerät.',
		browser: 'Wie im Browser'
	}
} as const satisfies Translation<typeof en>;
