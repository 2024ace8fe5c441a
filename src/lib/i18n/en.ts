/**
 * English interface strings: the reference language every other locale translates. Larger
 * areas keep their strings in `en/<area>.ts`, so they can grow without touching each other.
 */
import { consoleStrings } from './en/console.ts';
import { ui } from './en/ui.ts';
import { widget } from './en/widget.ts';

export const en = {
	ui,
	widget,
	app: {
		name: 'Parley',
		tagline: 'Real-time customer service for your website, on your own servers.'
	},
	common: {
		loading: 'Loading…'
	},
	nav: {
		label: 'Main',
		home: 'Home',
		signUp: 'Sign up',
		logIn: 'Log in',
		signOut: 'Sign out',
		sites: 'Sites',
		account: 'Account',
		console: 'Console'
	},
	home: {
		title: 'Talk with the people on your website, live',
		lead: 'Parley shows your team who is on your site right now and lets them start a conversation — text, voice, files, calls — from a phone or tablet. Open source and self-hosted.',
		features: {
			heading: 'What you get',
			monitoring:
				'See every visitor live: the page they are on, where they came from, how long they have stayed.',
			invitations: 'Invite a visitor to chat with a message that appears on their page.',
			conversations:
				'Chat with text, images, files and voice messages, or switch to an audio or video call.',
			translation: 'Each side writes in their own language; messages arrive translated.',
			offline: 'An installable app for agents that keeps working offline and notifies them.'
		},
		cta: 'Create your account',
		signedInAs: 'Signed in as {{email}}'
	},
	credentials: {
		email: 'Email',
		password: 'Password'
	},
	signup: {
		title: 'Create your Parley account',
		passwordHint: 'At least 6 characters.',
		submit: 'Create account',
		submitting: 'Creating your account…',
		checkEmail: 'Check {{email}} for a link to confirm your address.',
		failed: 'Sign-up failed: {{message}}',
		done: 'Your account is ready.',
		continue: 'Create your first site',
		haveAccount: 'Already have an account?'
	},
	auth: {
		signedInAs: 'Signed in as {{email}}',
		signedOut: 'Not signed in'
	},
	login: {
		title: 'Log in to Parley',
		submit: 'Log in',
		submitting: 'Logging in…',
		failed: 'Could not log in: {{message}}',
		noAccount: 'New to Parley?',
		signUp: 'Create an account'
	},
	authErrors: {
		invalidCredentials: 'Wrong email or password.',
		userAlreadyExists: 'An account with this email already exists. Log in instead.',
		weakPassword: 'That password is too weak: {{message}}',
		emailInvalid: 'That email address is not valid.',
		validationFailed: 'Please check the email and password: {{message}}',
		signupDisabled: 'New sign-ups are turned off on this server.',
		emailNotConfirmed: 'Confirm your email address first: check your inbox for the link.',
		rateLimited: 'Too many attempts. Wait a minute and try again.',
		userBanned: 'This account is suspended.',
		samePassword: 'The new password must differ from the current one.'
	},
	sites: {
		title: 'Your sites',
		empty: 'No sites yet. Create one to get the snippet for your pages.',
		create: 'Create a site',
		installed: 'Installed',
		waiting: 'Waiting for the first visit',
		role: { owner: 'Owner', agent: 'Agent' },
		loadFailed: 'Could not load your sites: {{message}}',
		signInFirst: 'Log in to see your sites.'
	},
	newSite: {
		title: 'Create a site',
		submit: 'Create site'
	},
	siteForm: {
		name: 'Site name',
		origins: 'Allowed origins',
		originsHint:
			'The addresses of the websites that may show the widget, one per line, e.g. https://shop.example.com.',
		color: 'Widget colour',
		position: 'Launcher position',
		positionRight: 'Bottom right',
		positionLeft: 'Bottom left',
		greeting: 'Greeting',
		greetingCount: '{{length}} of {{max}} characters',
		language: 'Default language',
		saving: 'Saving…',
		saved: 'Saved.',
		errors: {
			nameRequired: 'Give the site a name.',
			nameTooLong: 'The name can be at most {{max}} characters.',
			originSuggest: '“{{entry}}” is not an origin. Did you mean {{suggestion}}?',
			originInvalid:
				'“{{entry}}” is not an origin: use the scheme and host only, like https://shop.example.com.',
			originsRefused: 'One of the allowed origins is not a valid origin.',
			tooManyOrigins: 'A site can have at most {{max}} allowed origins.',
			color: 'Pick a colour.',
			position: 'Choose where the launcher sits.',
			greetingTooLong:
				'The greeting is {{length}} characters long; it can be at most {{max}}. Nothing was saved.',
			greetingLimit: 'The greeting can be at most {{max}} characters.',
			language: 'Choose a language.',
			forbidden: 'Only the site’s owner can change it.',
			other: 'Could not save: {{message}}'
		}
	},
	site: {
		notFound: 'This site does not exist, or you are not one of its people.',
		loadFailed: 'Could not load the site: {{message}}',
		backToSites: 'All sites',
		install: {
			heading: 'Install the snippet',
			lead: 'Paste this line into every page of your website, just before the closing </body> tag:',
			label: 'Snippet',
			copy: 'Copy snippet',
			copied: 'Copied to the clipboard.',
			copyFailed: 'Copying is blocked here: select the snippet and copy it yourself.',
			notes:
				'The widget only runs on the allowed origins listed below. Most site builders have a “custom code” or “footer scripts” setting for this.',
			waiting: 'Waiting for the first visit…',
			installed: 'Installed on {{page}} at {{time}}.'
		},
		settings: {
			heading: 'Settings',
			submit: 'Save changes'
		},
		danger: {
			heading: 'Delete this site',
			lead: 'Deleting removes the site, its snippet key, its visitors, conversations and staff access. It cannot be undone.',
			start: 'Delete site…',
			confirm: 'Delete “{{name}}” for good',
			cancel: 'Keep the site',
			deleting: 'Deleting…',
			failed: 'Could not delete the site: {{message}}'
		}
	},
	staff: {
		heading: 'Staff and devices',
		lead: 'Invite each person by name. They open their pairing link (or scan its QR code) on their phone or tablet and are signed in to the console there. Each link works once, for 24 hours.',
		name: 'Name',
		email: 'Email (optional)',
		invite: 'Create pairing link',
		linkFor: 'Pairing link for {{name}}',
		members: 'People on this site',
		invitations: 'Pairing links',
		you: 'You',
		remove: 'Remove',
		removeNamed: 'Remove {{name}}',
		confirmRemove: 'Remove {{name}} and sign out their devices',
		cancel: 'Cancel',
		revoke: 'Revoke',
		revokeNamed: 'Revoke the link for {{name}}',
		until: 'until {{time}}',
		state: {
			pending: 'Waiting to be opened',
			used: 'Used',
			revoked: 'Revoked',
			expired: 'Expired'
		},
		errors: {
			nameRequired: 'Type the person’s name.',
			email: 'That email address does not look right.',
			other: 'Something went wrong: {{message}}'
		}
	},
	links: {
		qrLabel: 'QR code: {{heading}}',
		copy: 'Copy link',
		copied: 'Link copied.',
		copyFailed: 'Copying is blocked here: select the link and copy it yourself.',
		expires: 'Works once, until {{time}}.'
	},
	phone: {
		heading: 'Open the console on your phone',
		lead: 'Scan this code with your own phone or tablet to sign it in to the console as you.',
		show: 'Show my QR code',
		again: 'Show a new code',
		cardHeading: 'Your device link',
		otherDevice: 'Sign in another device',
		otherDeviceLead:
			'Scan this code with your other phone or tablet to sign it in to the console as you.',
		failed: 'Could not create the link: {{message}}'
	},
	account: {
		title: 'Your account',
		signInFirst: 'Log in to see your account.',
		email: 'Email',
		since: 'Member since',
		password: {
			heading: 'Change your password',
			new: 'New password',
			submit: 'Change password',
			done: 'Your password is changed.',
			failed: 'Could not change the password: {{message}}'
		},
		sessions: {
			heading: 'Sign out',
			lead: 'Sign out of this browser, or of every device signed in as you (phones and tablets included).',
			here: 'Sign out here',
			everywhere: 'Sign out everywhere'
		}
	},
	pair: {
		title: 'Pair this device',
		working: 'Signing this device in…',
		done: 'This device is signed in. Opening the console…',
		openConsole: 'Open the console',
		replace: {
			lead: 'This device is signed in as {{name}}. Opening this link signs it in with the link instead, and {{name}} is signed out here.',
			continue: 'Use the link',
			keep: 'Stay signed in as {{name}}'
		},
		refused: {
			missing: 'This link is incomplete. Open the whole pairing link, or scan its QR code again.',
			unknown: 'This pairing link is not valid. Ask the site’s owner for a new one.',
			used: 'This pairing link has already been used. Each link works once: ask the site’s owner for a new one.',
			revoked: 'This pairing link was revoked by the site’s owner. Ask them for a new one.',
			expired: 'This pairing link has expired. Ask for a new one.',
			failed: 'Pairing did not work this time: {{message}}. Try opening the link again.'
		}
	},
	console: consoleStrings,
	pwa: {
		install: {
			title: 'Install Parley on this device',
			lead: 'Open the console from your home screen like any other app, and keep reading conversations when the network drops.',
			button: 'Install',
			installing: 'Installing…',
			dismiss: 'Not now',
			hints: {
				ios: 'Tap Share, then Add to Home Screen.',
				safariMac: 'In the menu bar, choose File, then Add to Dock.',
				android: 'Open the browser menu (⋮) and choose Install app or Add to Home screen.',
				firefoxDesktop:
					'This browser cannot install apps. Open this page in Chrome, Edge or Safari to install it.',
				desktop:
					'Click the install icon in the address bar, or open the browser menu and choose Install app.'
			}
		},
		update: {
			ready: 'A new version of Parley is ready.',
			apply: 'Reload to update',
			applying: 'Updating…'
		}
	}
} as const;
