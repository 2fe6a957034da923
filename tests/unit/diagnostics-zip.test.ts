// The ZIP writer: round trip through an independent reader, the UTF-8 flag, store vs deflate, DOS dates,
// refusals, and (where installed) Info-ZIP's `unzip -t` and Python's zipfile agree the archive is sound.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dosDateTime, ZipWriter } from '../../src/diagnostics/zip-writer'
import { readZip, tableCrc32 } from './diagnostics-zip-reader'

const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0
const UNZIP = has('unzip', ['-v'])
const PYTHON = has('python3', ['-c', 'import zipfile'])
const dir = mkdtempSync(join(tmpdir(), 'hd-zip-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function sample(): Buffer {
  const zip = new ZipWriter()
  const at = new Date(Date.UTC(2026, 10, 22, 18, 30, 44))
  zip.add('manifest.json', JSON.stringify({ hello: 'world' }), { date: at })
  zip.add('logs/host.log', 'poll ok\n'.repeat(2000), { date: at })
  zip.add('device/日本語.txt', '電波が弱い\n', { date: at, method: 'store' })
  zip.add('empty.txt', '', { date: at })
  zip.add('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)), { date: at })
  return zip.finish()
}

describe('ZipWriter', () => {
  it('round-trips through an independent reader with UTF-8 names, deflate where it helps and store otherwise', () => {
    const entries = readZip(sample())
    expect(entries.map((entry) => entry.name)).toEqual(['manifest.json', 'logs/host.log', 'device/日本語.txt', 'empty.txt', 'random.bin'])
    for (const entry of entries) expect(entry.flags & 0x800).toBe(0x800)
    const byName = new Map(entries.map((entry) => [entry.name, entry]))
    expect(byName.get('logs/host.log')?.method).toBe(8)
    expect(byName.get('logs/host.log')?.data.toString()).toBe('poll ok\n'.repeat(2000))
    expect(byName.get('device/日本語.txt')?.method).toBe(0)
    expect(byName.get('device/日本語.txt')?.data.toString()).toBe('電波が弱い\n')
    expect(byName.get('empty.txt')?.data.length).toBe(0)
    expect(byName.get('random.bin')?.data.length).toBe(4096)
  })

  it('computes the same CRC-32 as a table implementation', () => {
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926) // the standard check value
  })

  it('writes DOS dates from UTC fields with 2-second resolution', () => {
    const { time, date } = dosDateTime(new Date(Date.UTC(2026, 10, 22, 18, 30, 45)))
    expect(time).toBe((18 << 11) | (30 << 5) | 22)
    expect(date).toBe(((2026 - 1980) << 9) | (11 << 5) | 22)
    expect(dosDateTime(new Date(Date.UTC(1970, 0, 1))).date >> 9).toBe(0)
  })

  it('refuses duplicate, absolute and parent-relative names', () => {
    const zip = new ZipWriter()
    zip.add('a.txt', 'x')
    expect(() => zip.add('a.txt', 'y')).toThrow(/already/)
    expect(() => zip.add('/etc/passwd', 'y')).toThrow(RangeError)
    expect(() => zip.add('../up.txt', 'y')).toThrow(RangeError)
    expect(() => zip.add('dir\\file.txt', 'y')).toThrow(RangeError)
  })

  it.skipIf(!UNZIP)('passes unzip -t and lists the UTF-8 name', () => {
    const file = join(dir, 'sample.zip')
    writeFileSync(file, sample())
    const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' })
    expect(out).toMatch(/No errors detected/)
    const content = execFileSync('unzip', ['-p', file, 'logs/host.log'], { encoding: 'utf8' })
    expect(content).toBe('poll ok\n'.repeat(2000))
  })

  it.skipIf(!PYTHON)('passes Python zipfile testzip with the same names and contents', () => {
    const file = join(dir, 'sample-py.zip')
    writeFileSync(file, sample())
    const script = [
      'import sys, zipfile, json',
      'z = zipfile.ZipFile(sys.argv[1])',
      'bad = z.testzip()',
      'print(json.dumps({"bad": bad, "names": z.namelist(), "jp": z.read("device/日本語.txt").decode("utf-8")}))'
    ].join('\n')
    const result = JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as { bad: string | null; names: string[]; jp: string }
    expect(result.bad).toBeNull()
    expect(result.names).toContain('device/日本語.txt')
    expect(result.jp).toBe('電波が弱い\n')
  })
})
