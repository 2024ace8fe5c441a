/** The minified snippet body and panel module (see src/embed/vite-plugin.ts). */
declare module 'virtual:parley-embed' {
	const code: string;
	export default code;
	export const panel: string;
}
