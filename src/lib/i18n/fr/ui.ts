/** French strings of the design system's shared components (see en/ui.ts). */
import type { ui as en } from '../en/ui.ts';
import type { Translation } from '../languages.ts';

export const ui = {
	optional: 'facultatif',
	counter: '{{count}} / {{max}}',
	close: 'Fermer',
	showPassword: 'Afficher le mot de passe',
	theme: {
		label: 'Thème',
		light: 'Clair',
		dark: 'Sombre',
		system: 'Système'
	},
	language: {
		label: 'Langue',
		lead: 'La langue de Parley sur cet appareil.',
		browser: 'Celle du navigateur'
	}
} as const satisfies Translation<typeof en>;
