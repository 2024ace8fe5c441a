/** The minified snippet body (see src/embed/vite-plugin.ts). */
declare module 'virtual:parley-embed' {
	const code: string;
	export default code;
}
