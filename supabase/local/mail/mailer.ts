/**
 * How the local stack sends mail: to a real SMTP server through nodemailer when
 * PARLEY_SMTP_HOST is set (GoTrue's SMTP settings), else into the mail catcher, whose
 * Mailpit-compatible API shows it (see index.ts), as the Supabase CLI does.
 */
import { ConfigError } from '../config.ts';
import { Mailbox, textOf, type Address } from './mailbox.ts';

export interface SmtpSettings {
	host: string;
	port: number;
	user: string;
	pass: string;
}

export interface MailSettings {
	/** Null: mail goes to the catcher. */
	smtp: SmtpSettings | null;
	/** GOTRUE_SMTP_ADMIN_EMAIL and GOTRUE_SMTP_SENDER_NAME. */
	from: Address;
}

export interface Mail {
	to: string;
	subject: string;
	html: string;
}

export interface Mailer {
	readonly settings: MailSettings;
	/** The catcher (it stays empty while an SMTP server takes the mail). */
	readonly box: Mailbox;
	send(mail: Mail): Promise<void>;
	close(): void;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** Reads PARLEY_SMTP_* and PARLEY_MAIL_FROM*; throws ConfigError for a value that cannot work. */
export function loadMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
	const address = env.PARLEY_MAIL_FROM || 'admin@email.com';
	if (!EMAIL.test(address))
		throw new ConfigError(`PARLEY_MAIL_FROM must be an email address, got "${address}"`);
	const from = { Name: env.PARLEY_MAIL_FROM_NAME ?? 'Parley', Address: address };
	const host = env.PARLEY_SMTP_HOST ?? '';
	if (!host) return { smtp: null, from };
	const rawPort = env.PARLEY_SMTP_PORT || '587';
	const port = Number(rawPort);
	if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535)
		throw new ConfigError(`PARLEY_SMTP_PORT must be a port number, got "${rawPort}"`);
	return {
		smtp: { host, port, user: env.PARLEY_SMTP_USER ?? '', pass: env.PARLEY_SMTP_PASS ?? '' },
		from
	};
}

export async function createMailer(settings: MailSettings): Promise<Mailer> {
	const box = new Mailbox();
	const quote = (name: string) => `"${name.replace(/["\\\r\n]/g, '')}"`;
	let transport: import('nodemailer').Transporter | null = null;
	if (settings.smtp) {
		const { default: nodemailer } = await import('nodemailer');
		const { host, port, user, pass } = settings.smtp;
		transport = nodemailer.createTransport({
			host,
			port,
			// 465 is TLS from the start; other ports upgrade with STARTTLS when the server offers it.
			secure: port === 465,
			...(user ? { auth: { user, pass } } : {})
		});
	}
	return {
		settings,
		box,
		async send(mail) {
			const text = textOf(mail.html);
			if (transport) {
				await transport.sendMail({
					from: `${quote(settings.from.Name)} <${settings.from.Address}>`,
					to: mail.to,
					subject: mail.subject,
					html: mail.html,
					text
				});
				return;
			}
			box.keep({
				from: settings.from,
				to: [{ Name: '', Address: mail.to }],
				subject: mail.subject,
				html: mail.html,
				text
			});
		},
		close() {
			transport?.close();
		}
	};
}
