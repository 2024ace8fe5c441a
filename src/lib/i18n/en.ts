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
		continue: 'Continue to the home page'
	},
	auth: {
		signedInAs: 'Signed in as {{email}}',
		signedOut: 'Not signed in'
	}
} as const;
