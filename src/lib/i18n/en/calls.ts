/**
 * Strings of the call screen (widget and console), loaded with it when a call starts or rings;
 * the widget's first load carries only the call buttons' and summaries' strings (widget.ts).
 */
export const calls = {
	title: 'Call with {{name}}',
	someone: 'the other side',
	audio: 'Audio call',
	video: 'Video call',
	preparing: 'Starting camera and microphone…',
	outgoing: 'Calling {{name}}…',
	incoming: '{{name}} is calling you',
	incomingAudio: 'Incoming audio call',
	incomingVideo: 'Incoming video call',
	connecting: 'Connecting…',
	reconnecting: 'Connection lost. Reconnecting…',
	accept: 'Accept',
	decline: 'Decline',
	mute: 'Mute microphone',
	cameraOff: 'Turn camera off',
	switchCamera: 'Switch camera',
	speaker: 'Sound from the other side',
	output: 'Sound output',
	more: 'More options',
	outputDefault: 'This device’s default',
	outputUnnamed: 'Speaker {{n}}',
	outputFailed: 'The sound could not go to that output: {{message}}',
	hangup: 'Hang up',
	close: 'Close',
	you: 'Your camera',
	them: 'Video of {{name}}',
	cameraIsOff: 'Camera off',
	minimize: 'Back to the conversation',
	restore: 'Return to the call',
	effects: 'Effects',
	effectsTitle: 'Effects on your video',
	badge: 'Name badge',
	logo: 'Site logo',
	ended: {
		hangup: 'Call ended',
		'remote-hangup': 'The other side hung up',
		declined: 'You declined the call',
		'remote-declined': 'The call was declined',
		cancelled: 'The call was cancelled',
		missed: 'No answer',
		busy: 'A call is already in progress in this conversation',
		closed: 'This conversation is closed',
		'answered-elsewhere': 'Answered on another device',
		'media-denied':
			'Camera or microphone access was refused. Allow it in the browser’s settings and try again.',
		'media-missing': 'No camera or microphone was found on this device.',
		unsupported: 'Calls do not work in this browser.',
		'ice-failed':
			'Could not connect: the networks on both sides block a direct connection and no relay server answered.',
		lost: 'The connection was lost and could not be restored.',
		failed: 'The call failed.'
	}
} as const;
