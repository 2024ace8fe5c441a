/**
 * With PARLEY_SMTP_HOST set, Auth's mail goes to that SMTP server (through nodemailer) instead
 * of the mail catcher, as GoTrue sends it when the CLI's `[auth.email.smtp]` is configured.
 */
import { afterAll, expect, it } from 'vitest';
import { emailMaker } from './helpers/auth.ts';
import { fakeSmtp } from './helpers/smtp.ts';
import { useTestStack } from './helpers/use-stack.ts';

const smtp = await fakeSmtp();
process.env.PARLEY_SMTP_HOST = '127.0.0.1';
process.env.PARLEY_SMTP_PORT = String(smtp.port);
process.env.PARLEY_MAIL_FROM = 'support@shop.example';
process.env.PARLEY_MAIL_FROM_NAME = 'Shop "Support"';
const t = useTestStack();
afterAll(async () => {
	for (const name of [
		'PARLEY_SMTP_HOST',
		'PARLEY_SMTP_PORT',
		'PARLEY_MAIL_FROM',
		'PARLEY_MAIL_FROM_NAME'
	])
		delete process.env[name];
	await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
});

it('sends the recovery mail to the SMTP server, from the configured sender, not to the catcher', async () => {
	const email = emailMaker('smtp')();
	await t().admin().auth.admin.createUser({ email, password: 'secret-pw-1', email_confirm: true });
	const { error } = await t().client().auth.resetPasswordForEmail(email);
	expect(error).toBeNull();
	expect(smtp.mails).toHaveLength(1);
	const mail = smtp.mails[0];
	expect(mail).toMatch(/^Subject: Reset your password$/m);
	expect(mail).toMatch(new RegExp(`^To: ${email.replace(/[.+]/g, '\\$&')}$`, 'm'));
	expect(mail).toMatch(/^From: "?Shop Support"? <support@shop\.example>$/m);
	expect(mail).toContain('/auth/v1/verify?token=');
	const list = await fetch(`${t().url}/mailpit/api/v1/messages`);
	expect(((await list.json()) as { total: number }).total).toBe(0);
});
