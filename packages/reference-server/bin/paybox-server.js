#!/usr/bin/env node
// The operator's command line. Runs the built server (npm run build); see docs/operations.md.
import '../dist/cli.js';
