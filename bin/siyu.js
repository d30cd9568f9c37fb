#!/usr/bin/env node
// Entry point for `npx siyu`: the CLI is TypeScript run directly by Node 24's type stripping.
import '../src/cli/main.ts';
