import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readPassword, type PasswordSource } from '../../src/cli/password'

function sink() {
  const written: string[] = []
  return { written, write: (text: string) => void written.push(text) }
}

/** A terminal: chunks as keypresses, raw mode recorded. */
function terminal(keys: string[]): PasswordSource & { modes: boolean[] } {
  const modes: boolean[] = []
  const stream = Readable.from(keys.map((key) => Buffer.from(key)))
  return Object.assign(stream, { isTTY: true, modes, setRawMode: (raw: boolean) => void modes.push(raw) })
}

describe('readPassword from a pipe', () => {
  it.each([
    [['correct horse\n'], 'correct horse'],
    [['correct horse'], 'correct horse'],
    [['pa', 'ss\r\n', 'ignored second line\n'], 'pass'],
    [['  spaces kept  \n'], '  spaces kept  '],
    [['パスワード\n'], 'パスワード']
  ])('%j → %j', async (chunks, password) => {
    const prompt = sink()
    expect(await readPassword(Readable.from(chunks.map((c) => Buffer.from(c))), prompt)).toBe(password)
    expect(prompt.written).toEqual([]) // no prompt, no echo
  })

  it('keeps a character split across chunks', async () => {
    const bytes = Buffer.from('é\n')
    expect(await readPassword(Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]), sink())).toBe('é')
  })

  it.each([[[]], [['\n']], [['\r\n']]])('refuses no password (%j) as a usage error', async (chunks) => {
    await expect(readPassword(Readable.from(chunks.map((c) => Buffer.from(c))), sink())).rejects.toMatchObject({ exitCode: 64, message: 'No password arrived on stdin.' })
  })

  it('refuses a password longer than the contract allows', async () => {
    await expect(readPassword(Readable.from([Buffer.from('x'.repeat(129))]), sink())).rejects.toMatchObject({ exitCode: 64 })
  })
})

describe('readPassword from a terminal', () => {
  it('turns echo off, handles backspace, and never writes the password', async () => {
    const input = terminal(['h', 'u', 'n', 't', 'e', 'x', '\u007f', 'r', '2', '\r'])
    const prompt = sink()
    expect(await readPassword(input, prompt)).toBe('hunter2')
    expect(input.modes).toEqual([true, false])
    expect(prompt.written).toEqual(['Password: ', '\n'])
  })

  it('stops on Ctrl-C without sending anything, and restores the terminal', async () => {
    const input = terminal(['a', 'b', '\u0003', 'c\r'])
    await expect(readPassword(input, sink())).rejects.toMatchObject({ exitCode: 1, code: 'CANCELLED' })
    expect(input.modes).toEqual([true, false])
  })
})
