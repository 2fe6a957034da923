#!/usr/bin/env node
// Entry point for the hotspot-desk command. The CLI is built with the app (npm run build).
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('hotspot-desk is not built yet: run "npm run build" in the project folder first.\n')
  process.exit(1)
}
require(cli)
