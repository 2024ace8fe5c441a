/** `npm run stack`: runs the local stack alone, prints its URLs and keys, stops cleanly on Ctrl-C. */
import { ConfigError, loadConfig } from './config.ts';
import { startStack, type Stack } from './server.ts';
import { exitOnDatabaseLoss, printBanner, stopOnSignals } from './banner.ts';

let stack: Stack;
try {
	const config = await loadConfig();
	stack = await startStack(config, {
		log: (line) => console.log(line),
		onDatabaseLost: exitOnDatabaseLoss('parley stack')
	});
} catch (err) {
	if (err instanceof ConfigError) {
		console.error(`parley stack: ${err.message}`);
		process.exit(2);
	}
	throw err;
}
printBanner(stack);
stopOnSignals(() => stack.close());
