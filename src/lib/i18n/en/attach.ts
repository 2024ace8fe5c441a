/**
 * Strings of attachments and voice messages in the chat (widget and console), read by the
 * chat components through `wt('attach.…')` like the rest of `widget.ts`.
 */
export const attach = {
	add: 'Attach a file',
	camera: 'Take a photo',
	image: 'Image {{name}}',
	open: 'Open {{name}}',
	download: 'Download {{name}} ({{type}}, {{size}})',
	uploading: 'Uploading {{percent}} %',
	waiting: 'Waiting for connection',
	cancel: 'Cancel sending {{name}}',
	remove: 'Remove',
	loading: 'Loading…',
	unavailable: 'Files cannot be sent right now. Please try again.',
	dismiss: 'Dismiss',
	refused: {
		'too-large': '“{{name}}” is too large to send: the limit is {{max}}.',
		type: '“{{name}}” cannot be sent: this type of file is not allowed.',
		empty: '“{{name}}” is empty.'
	},
	kind: {
		pdf: 'PDF',
		image: 'Image',
		audio: 'Audio',
		video: 'Video',
		text: 'Text',
		document: 'Document',
		spreadsheet: 'Spreadsheet',
		presentation: 'Presentation',
		archive: 'Archive',
		file: 'File'
	},
	voice: {
		record: 'Record a voice message',
		recording: 'Recording {{duration}}',
		stop: 'Stop and send',
		cancel: 'Cancel recording',
		play: 'Play voice message ({{duration}})',
		pause: 'Pause voice message',
		playing: 'Playing',
		queued: 'Next',
		tapToPlay: 'Tap to play',
		denied: 'The microphone is not available. Allow it in the browser to record.',
		unsupported: 'This browser cannot record voice messages.'
	}
} as const;
