/** The chat components the widget and the console share. */
export { default as MessageList } from './MessageList.svelte';
export { default as MessageBubble } from './MessageBubble.svelte';
export { default as Composer } from './Composer.svelte';
export { default as TypingIndicator } from './TypingIndicator.svelte';
export { default as ChatText } from './ChatText.svelte';
export { ChatState } from './conversation.svelte.ts';
export { wt, type WidgetKey } from './strings.ts';
