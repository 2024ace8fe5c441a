/** Spanish strings of the design system's shared components (see en/ui.ts). */
import type { ui as en } from '../en/ui.ts';
import type { Translation } from '../languages.ts';

export const ui = {
	optional: 'opcional',
	counter: '{{count}} / {{max}}',
	close: 'Cerrar',
	showPassword: 'Mostrar contraseña',
	theme: {
		label: 'Tema de color',
		light: 'Claro',
		dark: 'Oscuro',
		system: 'Sistema'
	},
	language: {
		label: 'Idioma',
		lead: 'El idioma de Parley en este dispositivo.',
		browser: 'El del navegador'
	}
} as const satisfies Translation<typeof en>;
