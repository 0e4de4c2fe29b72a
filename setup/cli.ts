// Entry point of the setup command (the Job's container and `npm run setup-db`).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`));
