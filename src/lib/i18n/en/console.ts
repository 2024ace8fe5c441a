/** Strings of the agent console (`/app`). */
export const consoleStrings = {
	title: 'Console',
	loading: 'Opening the console…',
	signedOut:
		'This device is not signed in. Open the pairing link your site owner sent you, or log in.',
	signedInAs: 'Signed in as {{name}}',
	loadFailed: 'Could not load your sites: {{message}}',
	noSites:
		'You are not on the staff of any site (any more). Ask the site’s owner for a new pairing link.',
	sites: 'Your sites',
	nav: {
		label: 'Console',
		visitors: 'Visitors',
		conversations: 'Conversations',
		settings: 'Settings',
		admin: 'Admin',
		liveVisitors_one: '{{count}} live visitor',
		liveVisitors_other: '{{count}} live visitors',
		unread_one: '{{count}} unread conversation',
		unread_other: '{{count}} unread conversations'
	},
	site: {
		switch: 'Switch site',
		choose: 'Your sites'
	},
	push: {
		heading: 'Notifications',
		lead: 'Get a notification on this device when a visitor starts a conversation, accepts your invitation or writes to you.',
		on: 'On for this device',
		off: 'Off on this device',
		blocked: 'Blocked by the browser',
		blockedHelp:
			'Notifications for this site are blocked in the browser’s settings. Allow them there (the icon left of the address), then come back.',
		unsupported: 'Not supported here',
		unsupportedHelp:
			'This browser cannot receive push notifications. On iPhone and iPad, add Parley to the Home Screen first and open it from there.',
		turnOn: 'Turn on notifications',
		turnOff: 'Turn off',
		working: 'One moment…',
		failed: 'Could not change notifications: {{message}}',
		visibleNote: 'While a console of yours is open in front of you, it alerts you itself instead.',
		notification: {
			visitor: 'Visitor',
			started: 'New conversation on {{site}}',
			startedBody: '{{name}} is waiting for an answer',
			message: '{{name}}',
			messages: '{{count}} new messages: {{preview}}',
			accepted: '{{name}} accepted your invitation',
			acceptedBody: 'Now chatting on {{site}}',
			transfer: '{{from}} offers you a conversation',
			transferBody: '{{name}} on {{site}}',
			transferNote: '{{name}}: {{preview}}',
			whisper: '{{from}}, about {{name}}',
			colleague: 'A colleague',
			image: 'Sent an image',
			file: 'Sent a file',
			voice: 'Sent a voice message',
			callAudio: 'Incoming audio call',
			callVideo: 'Incoming video call',
			callBody: '{{name}} is calling from {{site}}'
		}
	},
	connection: {
		online: 'Connected',
		reconnecting: 'Reconnecting…',
		offline: 'Offline',
		queued_one: '{{count}} reply queued',
		queued_other: '{{count}} replies queued'
	},
	availability: {
		label: 'Available for chats',
		online: 'Online',
		away: 'Away',
		failed: 'Could not change your availability: {{message}}',
		lead: 'While you are online, visitors can start chats and your site’s widget says someone is there. Away keeps the console open without new chats.'
	},
	visitors: {
		title: 'Visitors',
		count_one: '{{count}} online now',
		count_other: '{{count}} online now',
		shown: '{{shown}} of {{count}} shown',
		list: 'Live visitors',
		loadFailed: 'Could not load the visitors: {{message}}',
		asOf: 'Not connected: these visitors were on the site at {{time}}.',
		emptyTitle: 'No one is on your site right now',
		emptyInstalled:
			'Visitors appear here the moment they open a page of {{site}}, with the page they are on, where they came from and how long they have stayed.',
		emptyNotInstalled:
			'Install the snippet on your site to see visitors here, live, with the page they are on and how long they have stayed.',
		emptyAgent:
			'Ask the site’s owner to install the snippet on the site; visitors then show up here live.',
		installStep: 'Install the snippet',
		noMatchTitle: 'No visitor matches these filters',
		noMatch: 'Clear the filters to see everyone online.',
		clearFilters: 'Clear filters',
		direct: 'Direct',
		from: 'From {{host}}',
		pages_one: '{{count}} page',
		pages_other: '{{count}} pages',
		onSite: 'Time on site',
		new: 'New',
		returning: 'Returning · visit {{count}}',
		untitled: 'Untitled page',
		open: 'Invite {{name}}',
		device: {
			phone: 'Phone',
			tablet: 'Tablet',
			desktop: 'Desktop'
		},
		filter: {
			label: 'Filter visitors',
			page: 'Page',
			pagePlaceholder: 'URL or title',
			language: 'Language',
			anyLanguage: 'Any language',
			recurrence: 'Visitors',
			all: 'All',
			new: 'New',
			returning: 'Returning'
		}
	},
	invite: {
		title: 'Invite to chat',
		message: 'Message',
		messageHint: 'Leave it empty to send the site’s greeting.',
		saved: 'Saved greetings',
		send: 'Send invitation',
		sending: 'Sending…',
		cancel: 'Withdraw',
		again: 'Invite again',
		openChat: 'Open the conversation',
		failed: 'Could not send the invitation: {{message}}',
		gone: 'This visitor has left the site.',
		state: {
			sent: 'Invitation sent · {{seconds}} s left',
			seen: 'Seen by the visitor · {{seconds}} s left',
			accepted: 'Accepted',
			declined: 'Declined',
			expired: 'Expired without an answer',
			cancelled: 'Withdrawn'
		},
		badge: {
			sent: 'Invited',
			seen: 'Invitation seen',
			accepted: 'Accepted',
			declined: 'Declined',
			expired: 'Expired',
			cancelled: 'Withdrawn',
			countdown: '{{seconds}} s'
		},
		byColleague: 'Invited by {{name}}'
	},
	conversations: {
		title: 'Conversations',
		list: 'Conversations',
		views: {
			label: 'Show',
			unassigned: 'Unassigned',
			mine: 'Mine',
			all: 'All open',
			closed: 'Closed',
			offline: 'Messages'
		},
		loadFailed: 'Could not load the conversations: {{message}}',
		empty: {
			unassigned:
				'New chats from visitors land here until someone takes them. Invite a visitor from the Visitors tab to start one yourself.',
			mine: 'Chats you take or start with an invitation appear here.',
			all: 'Every open chat of the site appears here, whoever has it.',
			closed: 'Closed chats stay here, so you can read them again.',
			offline:
				'When no one is online, visitors can leave a message with their email. Those messages wait for you here.'
		},
		emptyTitle: {
			unassigned: 'No chat is waiting',
			mine: 'You have no open chats',
			all: 'No open chats',
			closed: 'No closed chats yet',
			offline: 'No left messages'
		},
		goVisitors: 'See who is online',
		pick: 'Choose a conversation',
		pickLead: 'Pick a chat from the list to read it and reply.',
		anonymous: 'Visitor {{id}}',
		unread_one: '{{count}} unread',
		unread_other: '{{count}} unread',
		noMessages: 'No messages yet',
		more_one: 'Show more ({{count}} older)',
		more_other: 'Show more ({{count}} older)',
		unassignedBadge: 'Unassigned',
		takenBy: 'With {{name}}',
		yours: 'Yours',
		closedBadge: 'Closed',
		leftMessage: 'Left message'
	},
	conversation: {
		back: 'Back to conversations',
		take: 'Take',
		taking: 'Taking…',
		close: 'Close',
		closing: 'Closing…',
		closeConfirm: 'Close this conversation?',
		keepOpen: 'Keep it open',
		closeAction: 'Close conversation',
		closeLead: 'The visitor sees it closed and can start a new one.',
		takenBy: '{{name}} took this conversation.',
		takenBySomeone: 'A colleague took this conversation.',
		takeFirst: 'Take this conversation to reply.',
		closed: 'This conversation is closed.',
		notFound: 'This conversation does not exist or is not on your sites.',
		failed: 'That did not work: {{message}}',
		details: 'Visitor',
		detailsShow: 'Visitor details',
		name: 'Name',
		email: 'Email',
		page: 'Current page',
		language: 'Language',
		device: 'Device',
		referrer: 'Came from',
		started: 'Started',
		notOnline: 'Not on the site now',
		loading: 'Loading the conversation…'
	},
	note: {
		mode: 'Write a reply or an internal note',
		reply: 'Reply',
		note: 'Internal note',
		to: 'For',
		team: 'Everyone on the team',
		hint: 'Only your colleagues see notes; the one you name is told at once.',
		whisper: '{{name}} needs you in a conversation',
		whisperSomeone: 'A colleague needs you in a conversation'
	},
	transfer: {
		button: 'Transfer',
		title: 'Transfer this conversation',
		lead: 'Your colleague gets it with the whole history; you can read it, not write to it.',
		to: 'To',
		anyone: 'Any available agent',
		online: 'Online',
		away: 'Away',
		offline: 'Not in the console',
		open: '{{count}} open',
		note: 'Note for your colleague (optional)',
		callNote: 'The call in progress stays with you: it is not carried over.',
		send: 'Offer the conversation',
		sending: 'Offering…',
		pending: 'Offered to {{name}} · {{seconds}} s',
		pendingAnyone: 'Offered to any available agent · {{seconds}} s',
		cancel: 'Withdraw',
		noColleagues: 'Nobody else works on this site yet.',
		failed: 'The offer did not go out: {{message}}',
		incoming: '{{name}} offers you a conversation',
		incomingSomeone: 'A colleague offers you a conversation',
		with: 'With {{name}}',
		last: 'Last message',
		seconds: 'Answer within {{seconds}} s',
		accept: 'Take it',
		decline: 'Not now',
		lost: 'Someone else took it first.',
		gone: 'That offer is no longer open.'
	},
	team: {
		title: 'Team',
		button: 'Team: {{count}} online',
		empty: 'Nobody else is in the console.',
		you: '{{name}} (you)',
		unnamed: 'Agent',
		open_one: '{{count}} open',
		open_other: '{{count}} open'
	},
	sound: {
		title: 'Sound and away',
		locked: 'Sound is off until you tap.',
		unlock: 'Turn on sound',
		label: 'Sound for new chats and messages',
		lead: 'Rings and vibrates for new conversations and visitor messages, not for the conversation you are reading. The app icon shows how many conversations are unread.',
		test: 'Play a test sound',
		awayAfter: 'Go away after no activity for',
		awayLead:
			'While away, visitors can leave a message. The console comes back online when you return, unless you chose Away yourself.',
		never: 'Never',
		minutes_one: '{{count}} minute',
		minutes_other: '{{count}} minutes'
	},
	/** A conversation's machine translation (beside the chat) and the server's, in Settings. */
	translation: {
		title: 'Translation',
		toggle: 'Translate messages',
		language: 'Visitor’s language',
		unknown: 'Not known yet',
		fromBrowser: 'From the visitor’s browser',
		fromDetected: 'Detected from their messages',
		fromAgent: 'Set by an agent',
		same: 'The visitor’s language is yours: nothing to translate.',
		noPair:
			'This server cannot translate between {{visitor}} and {{agent}}: messages show as written.',
		failed: 'Could not save: {{message}}',
		off: 'Translation is off: this server has no translation engine set up.',
		down: 'Translation is set up, but its engine cannot be reached right now. Messages show as written until it is back.',
		on: 'Messages between you and visitors who write another language are machine-translated by {{provider}}, on your own server.',
		you: 'You read and write in {{language}}, your interface language.',
		pairs: 'It translates between'
	},
	settings: {
		title: 'Settings',
		availability: 'Availability',
		appearance: 'Appearance',
		themeLead: 'Light, dark, or the same as this device.',
		install: 'Install the app',
		installed: 'Parley is installed on this device.',
		installNow: 'Install',
		adminLead: 'Sites, staff, the snippet and your account.',
		sites: 'Your sites',
		signOut: 'Sign out'
	},
	call: {
		ringingVideo: '{{name}} is calling you (video)',
		ringingAudio: '{{name}} is calling you (audio)',
		ringingSite: 'A visitor is calling on {{site}}',
		open: 'Open'
	}
} as const;
