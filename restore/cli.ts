// Entry point of the restore command (the restore Job's container and `npm run restore-db`).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`));
