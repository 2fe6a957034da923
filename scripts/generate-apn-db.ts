// Generates resources/apn/apn-db.json from the two public APN sources kept beside this repository
// (../shared/data, README "data/"): the LineageOS apns-conf.xml (Apache-2.0) and GNOME's serviceproviders.xml
// (public domain). The output is never edited by hand; a unit test regenerates it and compares.
//
//   node --import tsx scripts/generate-apn-db.ts [--sources DIR] [--out FILE] [--check]
//
// --sources  folder holding android-apns/ and mobile-broadband-provider-info/ (default ../shared/data, or
//            $HOTSPOT_DESK_APN_SOURCES)
// --out      where to write (default resources/apn/apn-db.json)
// --check    write nothing; exit 1 when the file at --out differs from what the sources give
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { buildApnDb, serializeApnDb } from '../src/carriers/apn-db/build'

// Run through tsx as CommonJS (the package has no "type": "module"), like tests/bench/run.ts.
const REPO = resolve(__dirname, '..')
export const LINEAGE_FILE = 'android-apns/apns-conf.xml'
export const MBPI_FILE = 'mobile-broadband-provider-info/serviceproviders.xml'

interface Options {
  sources: string
  out: string
  check: boolean
}

function parseArgs(argv: readonly string[]): Options | string {
  const options: Options = {
    sources: process.env.HOTSPOT_DESK_APN_SOURCES ?? resolve(REPO, '..', 'shared', 'data'),
    out: resolve(REPO, 'resources', 'apn', 'apn-db.json'),
    check: false
  }
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]
    if (arg === '--check') options.check = true
    else if (arg === '--sources' || arg === '--out') {
      const value = argv[++index]
      if (value === undefined) return `${arg} needs a value`
      options[arg === '--sources' ? 'sources' : 'out'] = resolve(value)
    } else return `unknown argument ${arg}`
  }
  return options
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2))
  if (typeof options === 'string') {
    console.error(`generate-apn-db: ${options}`)
    return 2
  }
  let lineage: string
  let mbpi: string
  try {
    lineage = await readFile(resolve(options.sources, LINEAGE_FILE), 'utf8')
    mbpi = await readFile(resolve(options.sources, MBPI_FILE), 'utf8')
  } catch (error) {
    console.error(`generate-apn-db: cannot read the sources in ${options.sources}: ${error instanceof Error ? error.message : String(error)}`)
    console.error('Pass --sources DIR (the folder with android-apns/ and mobile-broadband-provider-info/).')
    return 2
  }
  const built = buildApnDb({ lineage: { file: LINEAGE_FILE, text: lineage }, mbpi: { file: MBPI_FILE, text: mbpi } })
  if (!built.ok) {
    console.error(`generate-apn-db: ${built.error}`)
    return 1
  }
  const text = serializeApnDb(built.db)
  if (options.check) {
    const current = await readFile(options.out, 'utf8').catch(() => '')
    if (current !== text) {
      console.error(`generate-apn-db: ${options.out} is out of date; run without --check to regenerate it.`)
      return 1
    }
    console.log(`generate-apn-db: ${options.out} is up to date.`)
    return 0
  }
  await mkdir(dirname(options.out), { recursive: true })
  await writeFile(options.out, text, 'utf8')
  const stats = built.db.stats
  console.log(
    `generate-apn-db: wrote ${options.out} (${text.length} bytes, ${stats.plmns ?? 0} PLMNs, ${stats.entries ?? 0} entries)`
  )
  return 0
}

void main().then((code) => {
  process.exitCode = code
})
