/**
 * English interface strings: the reference language every other locale translates. Larger
 * areas keep their strings in `en/<area>.ts`, so they can grow without touching each other.
 */
import { admin } from './en/admin.ts';
import { calls } from './en/calls.ts';
import { consoleStrings } from './en/console.ts';
import { ui } from './en/ui.ts';
import { widget } from './en/widget.ts';

export const en = {
	ui,
	widget,
	calls,
	...admin,
	app: {
		name: 'Parley',
		tagline: 'Real-time customer service for your website, on your own servers.'
	},
	common: {
		loading: 'Loading…'
	},
	nav: {
		label: 'Main',
		signUp: 'Sign up',
		logIn: 'Log in',
		signOut: 'Sign out',
		sites: 'Sites',
		account: 'Account',
		console: 'Console'
	},
	console: consoleStrings
} as const;
