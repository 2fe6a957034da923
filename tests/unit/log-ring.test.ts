// The host log ring: bounded by lines and bytes, oldest dropped first, long lines cut, and a tee that
// keeps passing lines on.
import { describe, expect, it } from 'vitest'
import { LogRing } from '../../src/host/log-ring'

describe('LogRing', () => {
  it('keeps the newest lines within the line bound and says how many were dropped', () => {
    const ring = new LogRing({ maxLines: 3, now: () => Date.UTC(2026, 10, 22, 18, 0, 0) })
    for (let i = 1; i <= 5; i++) ring.add(`line ${i}`)
    expect(ring.snapshot().map((entry) => entry.line)).toEqual(['line 3', 'line 4', 'line 5'])
    expect(ring.droppedCount).toBe(2)
    expect(ring.text()).toBe(
      '(2 older lines were dropped to keep this log small)\n2026-11-22T18:00:00.000Z line 3\n2026-11-22T18:00:00.000Z line 4\n2026-11-22T18:00:00.000Z line 5\n'
    )
  })

  it('stays within the byte bound, counting UTF-8 bytes', () => {
    const ring = new LogRing({ maxLines: 1000, maxBytes: 100 })
    for (let i = 0; i < 50; i++) ring.add(`電波 ${i}`) // 6 bytes for the two kanji + space + digits
    expect(ring.byteSize).toBeLessThanOrEqual(100)
    expect(ring.snapshot().at(-1)?.line).toBe('電波 49')
    const total = ring.snapshot().reduce((sum, entry) => sum + Buffer.byteLength(entry.line), 0)
    expect(total).toBe(ring.byteSize)
    expect(ring.size + ring.droppedCount).toBe(50)
  })

  it('cuts a single huge line instead of dropping everything else for it', () => {
    const ring = new LogRing({ maxBytes: 4096, maxLineBytes: 256 })
    ring.add('before')
    ring.add('x'.repeat(100_000))
    const lines = ring.snapshot().map((entry) => entry.line)
    expect(lines[0]).toBe('before')
    expect(Buffer.byteLength(lines[1] ?? '')).toBeLessThanOrEqual(256)
    expect(lines[1]).toMatch(/\[100000 bytes, cut\]$/)
  })

  it('does not split a multi-byte character when cutting', () => {
    const ring = new LogRing({ maxBytes: 4096, maxLineBytes: 64 })
    ring.add('あ'.repeat(200))
    const line = ring.snapshot()[0]?.line ?? ''
    expect(line).not.toContain('\uFFFD')
    expect(line.startsWith('あ'.repeat(10))).toBe(true)
  })

  it('stays bounded over many additions (compaction keeps working)', () => {
    const ring = new LogRing({ maxLines: 10 })
    for (let i = 0; i < 10_000; i++) ring.add(`n${i}`)
    expect(ring.size).toBe(10)
    expect(ring.snapshot()[0]?.line).toBe('n9990')
  })

  it('tee keeps the line and passes it on', () => {
    const ring = new LogRing()
    const seen: string[] = []
    const log = ring.tee((line) => seen.push(line))
    log('hello')
    expect(seen).toEqual(['hello'])
    expect(ring.snapshot().map((entry) => entry.line)).toEqual(['hello'])
    expect(() => ring.tee()('no next')).not.toThrow()
  })
})
