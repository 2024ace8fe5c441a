/**
 * The reasons Supabase Realtime gives, in one table. Join errors are
 * `phx_reply {status:'error', response:{reason:'<Code>: <message>'}}`; channel shutdowns are a
 * `system` event `{extension:'system', status:'error', message, channel}` followed by `phx_close`.
 */

export const JOIN_ERRORS = {
	topicRequired: () => 'TopicNameRequired: You must provide a topic name',
	unauthorized: (subTopic: string) =>
		`Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`,
	tokenExpired: (secondsAgo: number) =>
		`InvalidJWTToken: Token has expired ${secondsAgo} seconds ago`,
	missingClaims: () => 'InvalidJWTToken: Fields `role` and `exp` are required in JWT',
	malformedToken: () => 'MalformedJWT: The token provided is not a valid JWT',
	signature: () => 'JwtSignatureError: Failed to validate JWT signature',
	tooManyChannels: () => 'ChannelRateLimitReached: Too many channels',
	invalidPayload: () => 'InvalidJoinPayload: the join payload must be a JSON object',
	database: () =>
		'UnableToConnectToProject: Realtime was unable to connect to the project database',
	replayPublic: () => 'UnableToReplayMessages: Replay is not allowed for public channels',
	replayParams: () => 'UnableToReplayMessages: Replay params are not valid',
	replayFailed: () => 'UnableToReplayMessages: Realtime was unable to replay messages'
} as const;

export const SHUTDOWN_REASONS = {
	tokenExpired: (secondsAgo: number) => `Token has expired ${secondsAgo} seconds ago`,
	missingClaims: () => 'Fields `role` and `exp` are required in JWT',
	malformedToken: () => 'The token provided is not a valid JWT',
	signature: () => 'Failed to validate JWT signature',
	readRevoked: (subTopic: string) =>
		`You no longer have permission to read from this Channel topic: ${subTopic}`,
	database: () => 'Realtime was unable to connect to the project database'
} as const;

export const REPLY_ERRORS = {
	unmatchedTopic: 'unmatched topic',
	presencePayload: 'Presence track payload must be a map',
	payloadTooLarge: 'payload_size_exceeded',
	unknownEvent: (event: string) => `Unexpected message from client of type \`${event}\``
} as const;

/** WebSocket close codes this service uses, each for one reason. */
export const CLOSE_CODES = {
	normal: 1000,
	malformed: 1007,
	policy: 1008,
	tooLarge: 1009,
	goingAway: 1001
} as const;

export const CLOSE_REASONS = {
	heartbeat: 'heartbeat timeout',
	flood: 'Too many messages per second',
	malformed: 'malformed frame',
	shutdown: 'server shutting down'
} as const;
