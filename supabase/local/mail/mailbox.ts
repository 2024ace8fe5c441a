/**
 * The local stack's mail catcher: mail Auth sends is kept here (when no SMTP server is set)
 * and read over a Mailpit-compatible API, as the Supabase CLI's stack keeps it in Mailpit.
 * In memory, newest first, bounded.
 */
import { randomUUID } from 'node:crypto';

export interface Address {
	Name: string;
	Address: string;
}

/** A mail as Auth hands it over. */
export interface OutgoingMail {
	from: Address;
	to: Address[];
	subject: string;
	html: string;
	text: string;
}

/** A kept mail, with Mailpit's field names. */
export interface KeptMail {
	ID: string;
	MessageID: string;
	Read: boolean;
	From: Address;
	To: Address[];
	Subject: string;
	Created: string;
	Text: string;
	HTML: string;
	Size: number;
}

/** Mailpit's message summary (`GET /api/v1/messages`). */
export function summaryOf(m: KeptMail) {
	return {
		ID: m.ID,
		MessageID: m.MessageID,
		Read: m.Read,
		From: m.From,
		To: m.To,
		Cc: [],
		Bcc: [],
		ReplyTo: [],
		Subject: m.Subject,
		Created: m.Created,
		Tags: [],
		Size: m.Size,
		Attachments: 0,
		Snippet: m.Text.replace(/\s+/g, ' ').trim().slice(0, 250)
	};
}

/** Mailpit's whole message (`GET /api/v1/message/{ID}`). */
export function messageOf(m: KeptMail) {
	return {
		ID: m.ID,
		MessageID: m.MessageID,
		From: m.From,
		To: m.To,
		Cc: [],
		Bcc: [],
		ReplyTo: [],
		ReturnPath: m.From.Address,
		Subject: m.Subject,
		ListUnsubscribe: { Header: '', Links: [], Errors: '', HeaderPost: '' },
		Date: m.Created,
		Tags: [],
		Text: m.Text,
		HTML: m.HTML,
		Size: m.Size,
		Inline: [],
		Attachments: []
	};
}

/**
 * The character references an HTML mail uses: the named five, and the numeric ones Go's
 * html/template writes for `+`, `"` and `'` (`&#43;`, `&#34;`, `&#39;`).
 */
function decodeEntities(text: string): string {
	return text
		.replace(/&#(\d{1,7});/g, (ref, code: string) =>
			Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : ref
		)
		.replaceAll('&amp;', '&')
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"');
}

/** Text of an HTML mail body, for the plain-text part and the snippet. */
export function textOf(html: string): string {
	return decodeEntities(
		html
			.replace(
				/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gis,
				(_, href: string, label: string) => `${label} ( ${href} )`
			)
			.replace(/<\/(p|h\d|div|li)>/gi, '\n\n')
			.replace(/<br\s*\/?>/gi, '\n')
			.replace(/<[^>]+>/g, '')
	)
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export class Mailbox {
	#mails: KeptMail[] = [];
	readonly limit: number;

	constructor(limit = 1000) {
		this.limit = limit;
	}

	/** Keeps a mail; the oldest goes once the box holds `limit`. */
	keep(mail: OutgoingMail): KeptMail {
		const id = randomUUID();
		const kept: KeptMail = {
			ID: id,
			MessageID: `${id}@parley.local`,
			Read: false,
			From: mail.from,
			To: mail.to,
			Subject: mail.subject,
			Created: new Date().toISOString(),
			Text: mail.text,
			HTML: mail.html,
			Size: Buffer.byteLength(mail.html) + Buffer.byteLength(mail.text)
		};
		this.#mails.unshift(kept);
		if (this.#mails.length > this.limit) this.#mails.length = this.limit;
		return kept;
	}

	/** Newest first. */
	all(): readonly KeptMail[] {
		return this.#mails;
	}

	get(id: string): KeptMail | undefined {
		return id === 'latest' ? this.#mails[0] : this.#mails.find((m) => m.ID === id);
	}

	/** Deletes the given mails, or every mail when `ids` is empty; returns how many went. */
	delete(ids: readonly string[]): number {
		const before = this.#mails.length;
		if (ids.length === 0) this.#mails = [];
		else {
			const gone = new Set(ids);
			this.#mails = this.#mails.filter((m) => !gone.has(m.ID));
		}
		return before - this.#mails.length;
	}

	/**
	 * Mailpit's search, the parts a test or a person uses: `to:`, `from:`, `subject:` (values
	 * may be quoted) and plain words, all of which must match (case-insensitive).
	 */
	search(query: string): KeptMail[] {
		const terms: { field: 'to' | 'from' | 'subject' | 'any'; value: string }[] = [];
		for (const m of query.matchAll(/(?:(to|from|subject):)?(?:"([^"]*)"|(\S+))/gi)) {
			const value = (m[2] ?? m[3] ?? '').toLowerCase();
			if (value) terms.push({ field: (m[1]?.toLowerCase() as 'to') ?? 'any', value });
		}
		const addresses = (list: Address[]) =>
			list.map((a) => `${a.Name} <${a.Address}>`.toLowerCase()).join(' ');
		return this.#mails.filter((mail) =>
			terms.every(({ field, value }) => {
				if (field === 'to') return addresses(mail.To).includes(value);
				if (field === 'from') return addresses([mail.From]).includes(value);
				if (field === 'subject') return mail.Subject.toLowerCase().includes(value);
				return `${mail.Subject}\n${mail.Text}`.toLowerCase().includes(value);
			})
		);
	}
}
