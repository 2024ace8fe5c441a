/**
 * Strings of the chat components (widget and console) and of the visitor's widget. The widget
 * reads this module directly (see `components/chat/strings.ts`), so its iframe carries only
 * these strings, not the app's whole catalogue and i18next.
 */
import { attach } from './attach.ts';

export const widget = {
	attach,
	chat: {
		log: 'Messages',
		you: 'You',
		visitor: 'Visitor',
		agent: 'Agent',
		today: 'Today',
		yesterday: 'Yesterday',
		joined: '{{name}} joined the conversation',
		joinedSomeone: 'An agent joined the conversation',
		transferred: 'You are now talking with {{name}}',
		transferredSomeone: 'You are now talking with another agent',
		/** Agents only: the record of a transfer offer and its answer. */
		transferOffered: '{{from}} offered the conversation to {{to}}',
		transferredAgents: '{{from}} handed the conversation to {{to}}',
		transferDeclined: '{{to}} declined the transfer',
		transferExpired: 'The transfer to {{to}} was not answered in time',
		transferCancelled: 'The transfer to {{to}} was withdrawn',
		anyAgent: 'any available agent',
		/** Agents only: above a note the visitor does not see. */
		internal: 'Internal note · the visitor does not see this',
		draft: 'Draft reply · the visitor does not see this yet',
		useDraft: 'Use as reply',
		closedByVisitor: 'The visitor closed the conversation',
		closed: 'The conversation was closed',
		state: {
			queued: 'Waiting for connection',
			sending: 'Sending…',
			sent: 'Sent',
			delivered: 'Delivered',
			read: 'Read',
			failed: 'Not sent'
		},
		failure: {
			network: 'Not sent: no connection.',
			'rate-limited': 'Not sent: too many messages at once. Wait a moment.',
			closed: 'Not sent: the conversation is closed.',
			held: 'Not sent: a colleague holds this conversation now.',
			'too-long': 'Not sent: the message is too long.',
			refused: 'Not sent.',
			'too-large': 'Not sent: the file is too large.',
			type: 'Not sent: this type of file is not allowed.',
			lost: 'Not sent: the file is no longer on this device.'
		},
		retry: 'Retry',
		typing: '{{name}} is typing…',
		typingSomeone: 'Typing…',
		composer: {
			label: 'Message',
			form: 'Reply',
			placeholder: 'Write a message…',
			send: 'Send',
			counter: '{{count}} / {{max}}',
			tooLong_one: 'Too long by {{count}} character',
			tooLong_other: 'Too long by {{count}} characters',
			closed: 'This conversation is closed.'
		},
		connection: {
			reconnecting: 'Reconnecting…'
		},
		opensInNewTab: '(opens in a new tab)',
		/** A machine-translated message: its mark, the switch to the original and back, and why not. */
		translation: {
			translated: 'Translated',
			showOriginal: 'Show original',
			showTranslation: 'Show translation',
			unavailable: 'Not translated: translation is unavailable right now.',
			unsupported: 'Not translated: these languages cannot be translated.'
		}
	},
	widget: {
		title: 'Chat with {{name}}',
		close: 'Close chat',
		loading: 'Loading the chat…',
		unavailable: 'The chat is not available right now. Please try again later.',
		online: 'We are online',
		offline: 'We are away right now',
		prechat: {
			intro: 'Before we start, tell us who you are.',
			name: 'Your name',
			email: 'Your email',
			optional: '(optional)',
			start: 'Start the conversation',
			starting: 'Starting…'
		},
		leave: {
			title: 'Leave us a message',
			intro:
				'Nobody is online right now. Leave a message and your email, and we will answer by email.',
			email: 'Your email',
			name: 'Your name',
			message: 'Your message',
			send: 'Send message',
			sending: 'Sending…',
			sent: 'Thanks! We got your message and will reply to {{email}}.',
			another: 'Write another message'
		},
		closed: {
			title: 'This conversation has ended.',
			again: 'Start a new conversation'
		},
		end: {
			label: 'End conversation',
			title: 'End this conversation?',
			lead: 'The agent sees that you ended it. You can start a new one at any time.',
			cancel: 'Keep chatting',
			confirm: 'End conversation',
			failed: 'The conversation could not be ended. Please try again.'
		},
		errors: {
			nameRequired: 'Please enter your name.',
			emailRequired: 'Please enter your email address.',
			emailInvalid: 'That email address does not look right.',
			messageRequired: 'Please write a message.',
			failed: 'That did not work. Please try again.'
		},
		preview: {
			label: 'Preview of the chat widget',
			visitorSample: 'Hi! Do you ship to Canada?',
			agentSample: 'Yes, we do: delivery takes 3 to 5 days. Anything else I can help with?',
			agentName: 'Alex',
			accept: 'Chat now',
			decline: 'No thanks'
		}
	},
	call: {
		startAudio: 'Start an audio call',
		startVideo: 'Start a video call',
		summary: {
			audio: 'Audio call · {{duration}}',
			video: 'Video call · {{duration}}',
			declined: 'Call declined',
			cancelled: 'Call cancelled',
			missed: 'Missed call',
			failed: 'Call could not connect'
		}
	}
} as const;
