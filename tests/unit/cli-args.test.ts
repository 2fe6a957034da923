import { describe, expect, it } from 'vitest'
import { parseCli } from '../../src/cli/args'

describe('parseCli', () => {
  it.each([
    [[], { command: 'help' }],
    [['--help'], { command: 'help' }],
    [['version'], { command: 'version' }],
    [['serve'], { command: 'serve', port: 0, demo: false, open: false }],
    [['serve', '--port', '8123', '--demo'], { command: 'serve', port: 8123, demo: true, open: false }],
    [['serve', '--open'], { command: 'serve', port: 0, demo: false, open: true }]
  ])('%j', (argv, expected) => {
    expect(parseCli(argv)).toEqual({ ok: true, value: expected })
  })

  it.each([
    [['launch'], /Unknown command/],
    [['serve', '--port', 'abc'], /--port/],
    [['serve', '--port', '70000'], /--port/],
    [['serve', '--bogus'], /bogus/],
    [['serve', 'extra'], /extra|positional/i]
  ])('%j is refused', (argv, message) => {
    const result = parseCli(argv)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(message)
  })
})
