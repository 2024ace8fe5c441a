/** Strings of the design system's shared components. */
export const ui = {
	optional: 'optional',
	counter: '{{count}} / {{max}}',
	close: 'Close',
	showPassword: 'Show password',
	theme: {
		label: 'Colour theme',
		light: 'Light',
		dark: 'Dark',
		system: 'System'
	},
	language: {
		label: 'Language',
		lead: 'The language of Parley on this device.',
		browser: 'Same as the browser'
	}
} as const;
