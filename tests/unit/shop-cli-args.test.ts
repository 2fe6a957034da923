// The station's commands on the command line: parsing, refusals, and the exit code of a finished job.
import { describe, expect, it } from 'vitest'
import { DEFAULT_WAIT_SECONDS, parseCli } from '../../src/cli/args'
import { exitCodeOf } from '../../src/cli/station-commands'
import { PROFILE_EXIT } from '../../src/cli/station-exit-codes'

const HOST = { demo: false, addresses: [], waitSeconds: DEFAULT_WAIT_SECONDS, verbose: false }

describe('station commands', () => {
  it.each([
    [['profile', 'apply', 'shop.json', '--all'], { command: 'profile-apply', file: 'shop.json', devices: [], all: true, parallelism: 4, json: false, host: HOST }],
    [['profile', 'apply', 'shop.json', '1', 'demo-zte', '--parallel', '8', '--json'], { command: 'profile-apply', file: 'shop.json', devices: ['1', 'demo-zte'], all: false, parallelism: 8, json: true, host: HOST }],
    [['profile', 'list', '--json'], { command: 'profile-list', json: true, host: HOST }],
    [['inventory', 'export'], { command: 'inventory-export', format: 'csv', includeKeys: false, json: false, host: HOST }],
    [['inventory', 'export', '--format', 'json', '--out', 'u.json', '--include-keys'], { command: 'inventory-export', format: 'json', out: 'u.json', includeKeys: true, json: false, host: HOST }],
    [
      ['devices', '--connect', 'http://127.0.0.1:43123/?token=t', '--address', 'http://127.0.0.1:8080'],
      { command: 'devices', json: false, host: { ...HOST, addresses: ['http://127.0.0.1:8080'], connect: 'ws://127.0.0.1:43123/api?token=t' } }
    ]
  ])('%j', (argv, expected) => {
    expect(parseCli(argv)).toEqual({ ok: true, value: expected })
  })

  it.each([
    [['profile'], /profile needs an action/],
    [['profile', 'remove', 'x'], /Unknown profile action/],
    [['profile', 'apply'], /Missing the profile file/],
    [['profile', 'apply', 'x.json'], /Name the units/],
    [['profile', 'apply', 'x.json', '1', '--all'], /not both/],
    [['profile', 'apply', 'x.json', '--all', '--parallel', '33'], /--parallel takes a whole number from 1 to 32/],
    [['profile', 'apply', 'x.json', '--all', '--parallel', '2.5'], /--parallel/],
    [['inventory', 'export', '--format', 'pdf'], /--format takes one of csv, json/],
    [['inventory', 'list'], /Unknown inventory action/],
    [['devices', '--connect', 'http://127.0.0.1:1/?token=a', '--demo'], /built-in host/]
  ])('%j is refused', (argv, message) => {
    const result = parseCli(argv)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(message)
  })

  it.each([
    [{ total: 3, queued: 0, running: 0, done: 3, failed: 0, needsAttention: 0, cancelled: 0 }, 0],
    [{ total: 3, queued: 0, running: 0, done: 2, failed: 1, needsAttention: 0, cancelled: 0 }, PROFILE_EXIT.someFailed],
    [{ total: 3, queued: 0, running: 0, done: 2, failed: 0, needsAttention: 0, cancelled: 1 }, PROFILE_EXIT.someFailed],
    [{ total: 3, queued: 0, running: 0, done: 1, failed: 1, needsAttention: 1, cancelled: 0 }, PROFILE_EXIT.needsAttention]
  ])('a job with %j exits %i', (counts, code) => {
    expect(exitCodeOf({ counts })).toBe(code)
  })

  it('keeps its exit codes apart from the common ones', () => {
    expect(PROFILE_EXIT).toEqual({ someFailed: 8, needsAttention: 9, invalidProfile: 65 })
  })
})
