// Entry point of the operations command (the Job's container and `npm run operations`).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`));
