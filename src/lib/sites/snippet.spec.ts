import { expect, it } from 'vitest';
import { snippetFor } from './snippet.ts';

it('builds the one-line snippet with the app origin and the site key', () => {
	expect(snippetFor('https://chat.example.com', 'pk_DemoSiteKey0000000000000')).toBe(
		'<script async src="https://chat.example.com/embed.js" data-site="pk_DemoSiteKey0000000000000"></script>'
	);
});
