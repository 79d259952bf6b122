#!/usr/bin/env node
// The typix command: boot a Typix machine and open a shell on it (see `typix --help`).
// The implementation is src/host/cli.ts, compiled to dist/.
import { main } from "../dist/host/cli.js";

main(process.argv.slice(2));
