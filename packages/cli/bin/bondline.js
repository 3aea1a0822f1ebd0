#!/usr/bin/env node
// The `bondline` command: the compiled CLI (`npm run build` writes ../dist). Each sub-command is
// imported only when it runs, so `bondline --help` loads almost nothing.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
