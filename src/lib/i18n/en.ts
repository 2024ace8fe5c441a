/** English interface strings: the reference language every other locale translates. */
export const en = {
	app: {
		name: 'Parley',
		tagline: 'Real-time customer service for your website, on your own servers.'
	},
	nav: {
		label: 'Main',
		home: 'Home',
		signUp: 'Sign up',
		logIn: 'Log in',
		signOut: 'Sign out'
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
	signup: {
		title: 'Create your Parley account',
		email: 'Email',
		password: 'Password',
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
		email: 'Email',
		password: 'Password',
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
		title: 'Your sites'
	},
	console: {
		title: 'Console',
		loading: 'Opening the console…',
		signedOut:
			'This device is not signed in. Open the pairing link your site owner sent you, or log in.'
	},
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
