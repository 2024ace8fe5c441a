/** Strings of the marketing, sign-up and admin pages, the pairing page and the install offer. */
export const admin = {
	shell: {
		sidebar: 'Sidebar',
		accountMenu: 'Account menu',
		signedInAs: 'Signed in as {{name}}',
		signOutFailed: 'Could not sign out: {{message}}',
		goToSites: 'Go to your sites',
		openConsole: 'Open the console',
		footer: 'Open source, self-hosted customer service.',
		signedOutTitle: 'You are signed out'
	},
	home: {
		eyebrow: 'Live chat you host yourself',
		demo: {
			site: 'Corner Shop',
			greeting: 'Hi! Questions about your order? We are here.'
		},
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
		cta: 'Create your account'
	},
	credentials: {
		email: 'Email',
		password: 'Password'
	},
	signup: {
		title: 'Create your Parley account',
		lead: 'Free and self-hosted. Your first site takes two minutes.',
		passwordHint: 'At least 6 characters.',
		submit: 'Create account',
		submitting: 'Creating your account…',
		checkEmail: 'Check {{email}} for a link to confirm your address.',
		failed: 'Sign-up failed: {{message}}',
		doneTitle: 'Your account is ready',
		done: 'You are signed in as {{email}}.',
		nextStep: 'Next, create your first site: you get the snippet to paste into your pages.',
		checkEmailTitle: 'Check your inbox',
		continue: 'Create your first site',
		haveAccount: 'Already have an account?'
	},
	login: {
		forgot: 'Forgot your password?',
		title: 'Log in to Parley',
		lead: 'Welcome back. Your sites and staff are waiting.',
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
		samePassword: 'The new password must differ from the current one.',
		emailRateLimited: 'A mail was sent a moment ago. Wait a little, then ask again.',
		linkExpired: 'The link has expired or was used already.',
		mfaFailed: 'That code is not right. Check your phone’s clock and use the newest code.',
		mfaNeeded: 'Enter a code from your authenticator app first.',
		mfaExpired: 'That took too long. Try again with a new code.'
	},
	recover: {
		title: 'Reset your password',
		lead: 'Enter the email you log in with. We will send you a link to choose a new password.',
		submit: 'Send the link',
		submitting: 'Sending…',
		sentTitle: 'Check your inbox',
		sent: 'If an account uses {{email}}, a link to choose a new password is on its way. It works once; look in the spam folder too.',
		failed: 'Could not send the link: {{message}}',
		remembered: 'Remembered it?',
		backToLogin: 'Log in'
	},
	resetPassword: {
		title: 'Choose a new password',
		lead: 'The new password replaces the old one at once, on every device.',
		password: 'New password',
		submit: 'Save the new password',
		submitting: 'Saving…',
		failed: 'Could not save the password: {{message}}',
		doneTitle: 'Password changed',
		done: 'Your new password is saved and you are logged in.',
		continue: 'Go to your sites',
		checking: 'Checking the link…',
		noLink: 'Open the link in the password-reset mail to choose a new password here.',
		linkFailed: 'This link cannot be used: {{message}}',
		askAgain: 'Send a new link'
	},
	secondFactor: {
		title: 'Two-factor sign-in',
		lead: 'Enter the 6-digit code from your authenticator app.',
		code: 'Code',
		submit: 'Verify',
		submitting: 'Verifying…',
		otherAccount: 'Use another account',
		failed: 'Could not verify the code: {{message}}',
		heading: 'Two-factor sign-in',
		off: 'Off. Turn it on and signing in also asks for a code from an authenticator app on your phone.',
		on: 'On. Signing in asks for a code from your authenticator app, and changes to your sites need it.',
		turnOn: 'Turn on',
		turnOff: 'Turn off',
		scan: 'Scan this QR code with an authenticator app (such as Google Authenticator, 1Password or Aegis), then enter the code it shows.',
		qrAlt: 'QR code for your authenticator app',
		keyLabel: 'Can’t scan? Enter this key:',
		confirm: 'Turn on',
		cancel: 'Cancel',
		turnedOn: 'Two-factor sign-in is on.',
		turnedOff: 'Two-factor sign-in is off.',
		changeFailed: 'Could not change two-factor sign-in: {{message}}'
	},
	sites: {
		title: 'Your sites',
		lead: 'Each site has its own snippet, staff and widget look.',
		emptyTitle: 'No sites yet',
		empty: 'No sites yet. Create one to get the snippet for your pages.',
		origins: 'Allowed origins',
		moreOrigins_one: '+{{count}} more',
		moreOrigins_other: '+{{count}} more',
		noOrigins: 'No allowed origins: the widget runs nowhere yet.',
		create: 'Create a site',
		installed: 'Installed',
		waiting: 'Waiting for the first visit',
		role: { owner: 'Owner', agent: 'Agent' },
		loadFailed: 'Could not load your sites: {{message}}',
		signInFirst: 'Log in to see your sites.'
	},
	newSite: {
		title: 'Create a site',
		submit: 'Create site',
		lead: 'Name it, say where the widget may run, and pick its colour. You can change all of it later.'
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
		originsPlaceholder: 'https://shop.example.com',
		greetingHint: 'Shown to visitors when they open the chat.',
		language: 'Default language',
		saving: 'Saving…',
		saved: 'Saved.',
		errors: {
			nameRequired: 'Give the site a name.',
			nameTooLong: 'The name can be at most {{max}} characters.',
			originSuggest: '“{{entry}}” is not an origin. Did you mean {{suggestion}}?',
			originNoScheme:
				'“{{entry}}” needs https:// or http:// in front. Did you mean {{suggestion}}?',
			originScheme: '“{{entry}}” is not a web address: it must start with https:// or http://.',
			originNotAddress:
				'“{{entry}}” is not a web address. Type the address of a website the widget may run on, like https://shop.example.com.',
			originsRequired:
				'Add at least one website address. The widget only runs on the addresses listed here, so without one it runs nowhere.',
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
	chatSettings: {
		heading: 'Conversations',
		lead: 'What visitors are asked before a chat, the invitations agents send, and the limits of a conversation.',
		prechat: 'Before a chat, ask for',
		prechatName: 'Name',
		prechatEmail: 'Email',
		prechatHint:
			'Asked in the widget before the first message. With both off, visitors start typing at once.',
		rules: { off: 'Don’t ask', optional: 'Ask, optional', required: 'Ask, required' },
		messages: 'Saved invitation messages',
		messagesHint:
			'One per line, at most {{max}}. Agents pick one when they invite a visitor to chat.',
		messagesPlaceholder: 'Hi! Can I help you find anything?',
		ttl: 'An invitation waits (seconds)',
		ttlHint: 'From {{min}} to {{max}} seconds; then it expires if the visitor has not answered.',
		attachment: 'Largest attachment (MB)',
		attachmentHint:
			'From {{min}} to {{max}} MB, for images, files and voice messages, on both sides.',
		retention: 'Keep silent visitors for (days)',
		retentionHint:
			'From {{min}} to {{max}} days after their last visit; visitors who chatted are kept.',
		submit: 'Save conversation settings',
		errors: {
			prechat: 'Choose whether to ask.',
			ttl: 'Type a whole number of seconds from {{min}} to {{max}}.',
			retention: 'Type a whole number of days from {{min}} to {{max}}.',
			attachment: 'Type a whole number of megabytes from {{min}} to {{max}}.',
			messageTooLong: 'Message {{line}} is longer than {{max}} characters. Nothing was saved.',
			tooManyMessages_one: 'There is {{count}} message; a site can keep at most {{max}}.',
			tooManyMessages_other: 'There are {{count}} messages; a site can keep at most {{max}}.',
			messagesRefused: 'At most {{max}} saved messages of at most {{chars}} characters each.'
		}
	},
	callBackgrounds: {
		heading: 'Call backgrounds',
		lead: 'Pictures agents and visitors can put behind themselves in a video call, next to Parley’s own. JPEG, PNG or WebP, up to {{max}}; larger pictures are scaled down to {{side}} px before they are uploaded.',
		listLabel: 'This site’s call backgrounds',
		item: 'Background {{n}}',
		empty: 'No pictures of your own yet: calls offer Parley’s four.',
		count: '{{count}} of {{max}}',
		add: 'Add a picture',
		adding: 'Uploading…',
		added: 'Added. It is offered in calls from now on.',
		remove: 'Remove background {{n}}',
		loadFailed: 'The backgrounds did not load: {{message}}',
		problems: {
			full: 'This site has {{max}} backgrounds already. Remove one to add another.',
			type: 'That file is not a picture Parley can use. Choose a JPEG, PNG or WebP image.',
			'too-large': 'That picture is over {{mb}} MB even scaled down.',
			'not-image': 'That file could not be read as a picture.',
			forbidden: 'Only the site’s owner can change its backgrounds.',
			network: 'The connection failed. Try again.',
			other: 'That did not work: {{message}}'
		}
	},
	site: {
		notFoundTitle: 'Site not found',
		notFound: 'This site does not exist, or you are not one of its people.',
		sections: 'Site sections',
		tabs: {
			install: 'Install',
			staff: 'Staff and devices',
			appearance: 'Appearance',
			settings: 'Settings',
			danger: 'Danger zone'
		},
		appearance: {
			heading: 'Appearance',
			lead: 'How the widget looks on your site. The preview follows what you type.',
			preview: 'Preview',
			untitled: 'Your site'
		},
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
				'The widget only runs on the site’s allowed origins (see Settings). Most site builders have a “custom code” or “footer scripts” setting for pasting it.',
			waiting: 'Waiting for the first visit…',
			installed: 'Installed on {{page}} at {{time}}.',
			noOriginsTitle: 'The widget runs nowhere yet',
			noOrigins:
				'This site has no allowed origins. Add your website’s address under Settings, or the snippet does nothing.'
		},
		settings: {
			heading: 'Settings',
			lead: 'The site’s name, where the widget may run, and its language.',
			submit: 'Save changes'
		},
		danger: {
			heading: 'Delete this site',
			lead: 'Deleting removes the site, its snippet key, its visitors, conversations and staff access. It cannot be undone.',
			start: 'Delete site…',
			confirmTitle: 'Delete “{{name}}”?',
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
		inviteForm: 'Invite a person',
		removeTitle: 'Remove {{name}}?',
		removeLead:
			'Their phones and tablets are signed out at once, unless they work for another of your sites. Their conversations stay.',
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
		memberSince: 'Member since {{date}}',
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
		lead: 'This link signs this phone or tablet in to the Parley console.',
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
	pwa: {
		install: {
			title: 'Install Parley on this device',
			lead: 'Open the console from your home screen like any other app, and keep reading conversations when the network drops.',
			button: 'Install',
			installing: 'Installing…',
			dismiss: 'Not now',
			steps: {
				iosShare: 'Tap the Share button in the browser’s toolbar.',
				iosAdd: 'Choose Add to Home Screen, then Add.',
				androidMenu: 'Open the browser menu (⋮).',
				androidInstall: 'Choose Install app or Add to Home screen.',
				mobileMenu: 'Open the browser menu.',
				mobileAdd: 'Choose Add to Home screen or Install app.'
			},
			hints: {
				safariMac: 'In the menu bar, choose File, then Add to Dock.',
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
	},
	setup: {
		heading: 'Set up your site',
		progress: '{{done}} of {{total}} done',
		done: 'done',
		todo: 'to do',
		created: { title: 'Site created', hint: '' },
		installed: {
			title: 'Snippet installed',
			hint: 'Paste the snippet into your pages; the first visit ticks this off.',
			action: 'Get the snippet'
		},
		paired: {
			title: 'First agent paired',
			hint: 'Create a pairing link and open it on a phone or tablet.',
			action: 'Invite your staff'
		},
		conversation: {
			title: 'First conversation',
			hint: 'Open the console and greet a visitor, or wait for one to write.',
			action: 'Open the console'
		}
	}
} as const;
