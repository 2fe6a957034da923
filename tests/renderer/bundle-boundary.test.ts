// The renderer bundle must not contain zod. The contract's schema modules (index, model, methods,
// events, wire) import zod, so the renderer may import them for types only; errors and version are
// zod-free and may be imported as values.
import { describe, expect, it } from 'vitest'

const sources = import.meta.glob<string>('../../renderer/src/**/*.{ts,vue}', { query: '?raw', import: 'default', eager: true })
const ZOD_MODULES = /@contract\/(index|model|methods|events|wire)['"]|src\/contract\/(index|model|methods|events|wire)['"]|@contract['"]/

function valueImports(source: string): string[] {
  const statements = source.match(/^\s*(import|export)\s[^;]*?from\s+['"][^'"]+['"]/gm) ?? []
  const bare = source.match(/^\s*import\s+['"][^'"]+['"]/gm) ?? []
  const dynamic = source.match(/import\(\s*['"][^'"]+['"]\s*\)/g) ?? []
  return [
    ...statements.filter((statement) => !/^\s*(import|export)\s+type\s/.test(statement)),
    ...bare,
    ...dynamic
  ].filter((statement) => ZOD_MODULES.test(statement) || /['"]zod['"]/.test(statement))
}

describe('renderer import boundary', () => {
  it('scans the renderer sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20)
  })

  it('imports zod-bearing contract modules only as types', () => {
    const offenders = Object.entries(sources).flatMap(([file, source]) =>
      valueImports(source).map((statement) => `${file}: ${statement.trim()}`)
    )
    expect(offenders).toEqual([])
  })

  it('would catch a value import (guard self-test)', () => {
    expect(valueImports(`import { methods } from '@contract/methods'`)).toHaveLength(1)
    expect(valueImports(`import { type DeviceSummary, Capability } from '@contract/model'`)).toHaveLength(1)
    expect(valueImports(`import type { DeviceSummary } from '@contract/model'`)).toHaveLength(0)
    expect(valueImports(`import { ContractError } from '@contract/errors'`)).toHaveLength(0)
    // Inline type specifiers still leave a side-effect import under verbatimModuleSyntax.
    expect(valueImports(`import { type DeviceSummary } from '@contract/model'`)).toHaveLength(1)
  })
})
