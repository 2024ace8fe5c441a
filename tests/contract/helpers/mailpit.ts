/** Reading the stack's mail as a user would: through the catcher's Mailpit-compatible API. */
import type { TestStack } from './stack.ts';

export interface MailSummary {
	ID: string;
	Subject: string;
	To: { Address: string }[];
}

export interface Mail {
	summary: MailSummary;
	html: string;
	text: string;
	/** The first link's address, un-escaped from the HTML. */
	link: string;
	/** The six-digit code the mail names, if any. */
	code: string | null;
}

/** Every mail to an address, newest first. */
export async function mailsTo(t: TestStack, address: string): Promise<MailSummary[]> {
	const res = await fetch(
		`${t.url}/mailpit/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`
	);
	if (res.status !== 200) throw new Error(`mail search answered ${res.status}`);
	return ((await res.json()) as { messages: MailSummary[] }).messages;
}

/** Opens a mail: its HTML, text, link and code. */
export async function readMail(t: TestStack, summary: MailSummary): Promise<Mail> {
	const res = await fetch(`${t.url}/mailpit/api/v1/message/${summary.ID}`);
	const body = (await res.json()) as { HTML: string; Text: string };
	const href = /href="([^"]+)"/.exec(body.HTML)?.[1] ?? '';
	return {
		summary,
		html: body.HTML,
		text: body.Text,
		link: href.replaceAll('&amp;', '&'),
		code: /enter the code: (\d{6})\b/.exec(body.Text)?.[1] ?? null
	};
}

/** The newest mail to an address; fails when there is none. */
export async function latestMail(t: TestStack, address: string): Promise<Mail> {
	const [summary] = await mailsTo(t, address);
	if (!summary) throw new Error(`no mail to ${address}`);
	return readMail(t, summary);
}

/** The claims of an access token, unverified. */
export function claimsOf(jwt: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}
