/**
 * Attachments: the private `attachments` bucket, its RLS on storage.objects (only the
 * conversation's visitor and its site's members read or write), the site's size setting, the
 * bucket's MIME allowlist, images whose bytes are not an image, and messages that must name
 * their stored object. Everything through unmodified supabase-js, as the browser does it.
 */
import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { call, useChatWorld, uuid, type Visitor } from './fixtures/chat.ts';
import { apiError } from './helpers/storage.ts';

const world = useChatWorld();
const { visitor, agent, sql } = world;

const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
]);

async function conversationOf(v: Visitor): Promise<string> {
	const res = await call<{ conversation_id: string }>(v.client, 'start_conversation', {
		visitor_name: 'Ana'
	});
	if (res.code) throw new Error(`start_conversation: ${res.code} ${res.message}`);
	return res.data!.conversation_id;
}

const pathFor = (siteId: string, conversationId: string, messageId: string, name: string) =>
	`${siteId}/${conversationId}/${messageId}/${name}`;

async function upload(client: SupabaseClient, path: string, bytes: Uint8Array, type: string) {
	return client.storage
		.from('attachments')
		.upload(path, new Blob([bytes as BlobPart], { type }), { contentType: type });
}

async function sendAttachment(
	client: SupabaseClient,
	m: { id: string; conversation: string; sender: string; side: 'visitor' | 'agent'; path: string },
	kind = 'file'
) {
	return client
		.from('messages')
		.insert({
			id: m.id,
			conversation_id: m.conversation,
			sender_id: m.sender,
			sender_kind: m.side,
			kind,
			body: '',
			attachment: { path: m.path, name: m.path.split('/').pop(), mime: 'x/y', size: 1 }
		})
		.select('attachment')
		.single();
}

describe('the attachments bucket', () => {
	it('is private, with a 50 MiB ceiling and a MIME allowlist without executables', async () => {
		const [bucket] = await sql<{
			public: boolean;
			file_size_limit: string;
			allowed_mime_types: string[];
		}>(
			`select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'attachments'`
		);
		expect(bucket.public).toBe(false);
		expect(Number(bucket.file_size_limit)).toBe(50 * 1024 * 1024);
		expect(bucket.allowed_mime_types).toContain('image/png');
		expect(bucket.allowed_mime_types).toContain('audio/webm');
		expect(bucket.allowed_mime_types).not.toContain('application/x-msdownload');
		expect(bucket.allowed_mime_types).not.toContain('application/octet-stream');
		expect(bucket.allowed_mime_types).not.toContain('image/svg+xml');
	});

	it('lets the visitor and the site members read and write, nobody else', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const member = await agent('A');
		const otherSite = await agent('B');
		const otherVisitor = await visitor('A');
		const path = pathFor(v.siteId, conversation, uuid(), 'photo.png');

		expect((await upload(v.client, path, PNG, 'image/png')).error).toBeNull();
		const byMember = await member.client.storage.from('attachments').download(path);
		expect(new Uint8Array(await byMember.data!.arrayBuffer())).toEqual(PNG);

		for (const outsider of [otherSite, otherVisitor]) {
			const read = await outsider.client.storage.from('attachments').download(path);
			expect(read.data).toBeNull();
			const signed = await outsider.client.storage.from('attachments').createSignedUrl(path, 60);
			expect(signed.data).toBeNull();
			const listed = await outsider.client.storage
				.from('attachments')
				.list(`${v.siteId}/${conversation}`);
			expect(listed.data ?? []).toEqual([]);
			const write = await upload(
				outsider.client,
				pathFor(v.siteId, conversation, uuid(), 'x.png'),
				PNG,
				'image/png'
			);
			expect(apiError(write.error)).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
		}

		// The member answers with a file; the visitor reads it through a short-lived signed URL.
		const reply = pathFor(v.siteId, conversation, uuid(), 'offer.pdf');
		const pdf = new TextEncoder().encode('%PDF-1.4 offer');
		expect((await upload(member.client, reply, pdf, 'application/pdf')).error).toBeNull();
		const signed = await v.client.storage.from('attachments').createSignedUrl(reply, 60);
		const res = await fetch(signed.data!.signedUrl);
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
	});

	it('refuses a path outside the caller’s conversation or not shaped <site>/<conversation>/<message>/<name>', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const other = await visitor('B');
		const otherConversation = await conversationOf(other);
		for (const path of [
			pathFor(other.siteId, otherConversation, uuid(), 'a.png'),
			pathFor(other.siteId, conversation, uuid(), 'a.png'),
			`${v.siteId}/${conversation}/a.png`,
			`${v.siteId}/${conversation}/not-a-uuid/a.png`
		]) {
			const res = await upload(v.client, path, PNG, 'image/png');
			expect(apiError(res.error)).toMatchObject({ statusCode: '403' });
		}
	});

	it('keeps to the site’s size limit, which its owner may change, and leaves nothing behind', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		await sql(`update public.sites set attachment_max_bytes = 2048 where id = $1`, [v.siteId]);
		try {
			const big = pathFor(v.siteId, conversation, uuid(), 'big.txt');
			const refused = await upload(v.client, big, new Uint8Array(2049), 'text/plain');
			expect(apiError(refused.error)).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
			const fits = pathFor(v.siteId, conversation, uuid(), 'fits.txt');
			expect((await upload(v.client, fits, new Uint8Array(2048), 'text/plain')).error).toBeNull();
			expect(await sql(`select name from storage.objects where name = $1`, [big])).toEqual([]);
		} finally {
			await sql(`update public.sites set attachment_max_bytes = default where id = $1`, [v.siteId]);
		}
		const [site] = await sql<{ attachment_max_bytes: string }>(
			`select attachment_max_bytes from public.sites where id = $1`,
			[v.siteId]
		);
		expect(Number(site.attachment_max_bytes)).toBe(20 * 1024 * 1024);
	});

	it('refuses a file over the bucket’s ceiling with EntityTooLarge', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const res = await upload(
			v.client,
			pathFor(v.siteId, conversation, uuid(), 'huge.bin.txt'),
			new Uint8Array(50 * 1024 * 1024 + 1),
			'text/plain'
		);
		expect(apiError(res.error)).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
	});

	it('refuses types outside the allowlist (an .exe) and images whose bytes are not an image', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const exe = await upload(
			v.client,
			pathFor(v.siteId, conversation, uuid(), 'setup.exe'),
			new TextEncoder().encode('MZ\x90\x00'),
			'application/x-msdownload'
		);
		expect(apiError(exe.error)).toMatchObject({ statusCode: '415', code: 'InvalidMimeType' });
		const fake = pathFor(v.siteId, conversation, uuid(), 'cat.png');
		const notImage = await upload(
			v.client,
			fake,
			new TextEncoder().encode('MZ\x90\x00 this is a program'),
			'image/png'
		);
		expect(apiError(notImage.error)).toMatchObject({
			statusCode: '415',
			code: 'InvalidMimeType',
			message: "mime type image/png does not match the file's content"
		});
		expect(await sql(`select name from storage.objects where name = $1`, [fake])).toEqual([]);
	});
});

describe('attachment messages', () => {
	it('must name the sender’s own stored object; mime and size come from storage', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const id = uuid();
		const path = pathFor(v.siteId, conversation, id, 'photo.png');
		const m = { id, conversation, sender: v.id, side: 'visitor' as const, path };

		const early = await sendAttachment(v.client, m, 'image');
		expect(early.error?.code).toBe('42501');

		expect((await upload(v.client, path, PNG, 'image/png')).error).toBeNull();
		const sent = await sendAttachment(v.client, m, 'image');
		expect(sent.error).toBeNull();
		expect(sent.data?.attachment).toMatchObject({
			path,
			name: 'photo.png',
			mime: 'image/png',
			size: PNG.length
		});
	});

	it('refuses another message’s path, a voice message that is not audio and text with an attachment', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const id = uuid();
		const path = pathFor(v.siteId, conversation, id, 'photo.png');
		expect((await upload(v.client, path, PNG, 'image/png')).error).toBeNull();
		const base = { conversation, sender: v.id, side: 'visitor' as const, path };
		expect((await sendAttachment(v.client, { ...base, id: uuid() })).error?.code).toBe('22023');
		expect((await sendAttachment(v.client, { ...base, id }, 'voice')).error?.code).toBe('22023');
		expect((await sendAttachment(v.client, { ...base, id }, 'text')).error?.code).toBe('22023');
	});

	it('lets the uploader delete an object no message names, and nobody delete a sent one', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const member = await agent('A');
		const cancelled = pathFor(v.siteId, conversation, uuid(), 'draft.txt');
		await upload(v.client, cancelled, new Uint8Array(10), 'text/plain');
		await v.client.storage.from('attachments').remove([cancelled]);
		expect(await sql(`select 1 from storage.objects where name = $1`, [cancelled])).toEqual([]);

		const id = uuid();
		const path = pathFor(v.siteId, conversation, id, 'kept.txt');
		await upload(v.client, path, new Uint8Array(10), 'text/plain');
		expect(
			(await sendAttachment(v.client, { id, conversation, sender: v.id, side: 'visitor', path }))
				.error
		).toBeNull();
		await v.client.storage.from('attachments').remove([path]);
		await member.client.storage.from('attachments').remove([path]);
		expect(await sql(`select 1 from storage.objects where name = $1`, [path])).toHaveLength(1);
	});

	it('tells a participant the site’s limit, and nobody else', async () => {
		const v = await visitor('A');
		const conversation = await conversationOf(v);
		const mine = await call<{ max_bytes: number; site_id: string }>(v.client, 'attachment_limits', {
			p_conversation_id: conversation
		});
		expect(mine.data).toMatchObject({ max_bytes: 20 * 1024 * 1024, site_id: v.siteId });
		const other = await agent('B');
		const theirs = await call(other.client, 'attachment_limits', {
			p_conversation_id: conversation
		});
		expect(theirs.data).toBeNull();
	});
});
