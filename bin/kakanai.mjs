#!/usr/bin/env node
// The `kakanai` command. Runs the TypeScript sources through tsx's loader so the CLI, the
// server and the tests always execute the same code (no stale build).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
