/** A stand-in SMTP server for tests of the stack's mail through nodemailer. */
import { createServer, type Server } from 'node:net';

/** An SMTP server that takes every mail and keeps its data, enough for nodemailer. */
export function fakeSmtp(): Promise<{ server: Server; port: number; mails: string[] }> {
	const mails: string[] = [];
	const server = createServer((socket) => {
		let data = false;
		let buffer = '';
		socket.write('220 fake.smtp ESMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (data) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					mails.push(buffer.slice(0, end));
					buffer = buffer.slice(end + 5);
					data = false;
					socket.write('250 queued\r\n');
					continue;
				}
				const nl = buffer.indexOf('\r\n');
				if (nl < 0) return;
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
				else if (verb === 'DATA') {
					data = true;
					socket.write('354 go on\r\n');
				} else if (verb === 'QUIT') socket.end('221 bye\r\n');
				else socket.write('250 ok\r\n');
			}
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			resolve({ server, port: typeof address === 'object' && address ? address.port : 0, mails });
		})
	);
}
