import { describe, expect, it } from 'vitest';
import {
	attachmentPath,
	checkFile,
	mimeAllowed,
	mimeOf,
	storageName
} from './attachment-checks.ts';
import { formatBytes, parseAttachment } from './attachments.ts';
import { uploadFailure } from './storage-http.ts';

const limits = {
	max_bytes: 20 * 1024 * 1024,
	mime_types: ['image/png', 'application/pdf', 'audio/*']
};

describe('checkFile', () => {
	it.each([
		[
			{ name: 'a.png', type: 'image/png', size: 10 },
			{ ok: true, mime: 'image/png' }
		],
		[
			{ name: 'a.pdf', type: 'application/pdf', size: 20 * 1024 * 1024 },
			{ ok: true, mime: 'application/pdf' }
		],
		[
			{ name: 'a.pdf', type: 'application/pdf', size: 20 * 1024 * 1024 + 1 },
			{ ok: false, refusal: 'too-large' }
		],
		[
			{ name: 'setup.exe', type: 'application/x-msdownload', size: 10 },
			{ ok: false, refusal: 'type' }
		],
		[
			{ name: 'noext', type: '', size: 10 },
			{ ok: false, refusal: 'type' }
		],
		[
			{ name: 'v.webm', type: 'audio/webm;codecs=opus', size: 10 },
			{ ok: true, mime: 'audio/webm' }
		],
		[
			{ name: 'empty.png', type: 'image/png', size: 0 },
			{ ok: false, refusal: 'empty' }
		]
	])('%o → %o', (file, expected) => {
		expect(checkFile(file, limits)).toEqual(expected);
	});
});

describe('names and paths', () => {
	it('keeps a storage key to safe characters, the original name stays in the message', () => {
		expect(storageName('Factura de marzo (1).pdf')).toBe('Factura_de_marzo_(1).pdf');
		expect(storageName('../../etc/passwd')).toBe('__.._etc_passwd');
		expect(storageName('café?.png')).toBe('caf__.png');
		expect(storageName('')).toBe('file');
		expect(attachmentPath('s', 'c', 'm', 'a b.png')).toBe('s/c/m/a_b.png');
	});

	it('guesses only the few types browsers leave empty', () => {
		expect(mimeOf({ name: 'notes.md', type: '' })).toBe('text/plain');
		expect(mimeOf({ name: 'x.bin', type: '' })).toBe('');
		expect(mimeOf({ name: 'x.png', type: 'IMAGE/PNG' })).toBe('image/png');
	});

	it('matches type/* entries and allows all without a list', () => {
		expect(mimeAllowed('audio/ogg', ['audio/*'])).toBe(true);
		expect(mimeAllowed('video/ogg', ['audio/*'])).toBe(false);
		expect(mimeAllowed('x/y', null)).toBe(true);
	});
});

describe('parseAttachment', () => {
	it('takes a well-formed attachment and drops what does not belong', () => {
		expect(
			parseAttachment({
				path: 'p',
				name: 'n.png',
				mime: 'image/png',
				size: 3,
				width: 2,
				height: 1,
				thumb: 'javascript:alert(1)',
				extra: true
			})
		).toEqual({ path: 'p', name: 'n.png', mime: 'image/png', size: 3, width: 2, height: 1 });
	});

	it.each([null, 'x', { path: 'p' }, { path: 'p', name: 'n', mime: 'm', size: -1 }])(
		'refuses %o',
		(value) => expect(parseAttachment(value)).toBeNull()
	);
});

describe('uploadFailure', () => {
	it.each([
		[0, null, 'network'],
		[502, null, 'network'],
		[400, { statusCode: '413', code: 'EntityTooLarge' }, 'too-large'],
		[400, { statusCode: '415', code: 'InvalidMimeType' }, 'type'],
		[400, { statusCode: '403', code: 'AccessDenied' }, 'refused']
	] as const)('HTTP %i %o → %s', (status, body, reason) => {
		expect(uploadFailure(status, body)).toBe(reason);
	});
});

it('formats sizes in binary units', () => {
	expect(formatBytes(980)).toBe('980 B');
	expect(formatBytes(12 * 1024)).toBe('12 KB');
	expect(formatBytes(5.2 * 1024 * 1024)).toBe('5.2 MB');
	expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
	// Other languages: their decimal sign and unit names.
	expect(formatBytes(5.2 * 1024 * 1024, 'fr')).toBe('5,2\u202fMo');
	expect(formatBytes(5.2 * 1024 * 1024, 'de')).toBe('5,2 MB');
});
