import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resourcesDir } from '../../src/host/resources-dir'

describe('resourcesDir', () => {
  it('finds the project resources from source, from out/main and from a bundle chunk folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'hd-res-'))
    mkdirSync(join(root, 'resources', 'carriers'), { recursive: true })
    mkdirSync(join(root, 'out', 'main', 'chunks'), { recursive: true })
    for (const from of [join(root, 'src', 'host'), join(root, 'out', 'main'), join(root, 'out', 'main', 'chunks')]) {
      expect(resourcesDir({}, from)).toBe(join(root, 'resources'))
    }
  })

  it('honours HOTSPOT_DESK_RESOURCES_DIR and finds this repository from its source folder', () => {
    expect(resourcesDir({ HOTSPOT_DESK_RESOURCES_DIR: '/opt/x' })).toBe('/opt/x')
    expect(resourcesDir({}, resolve(__dirname, '../../src/host'))).toBe(resolve(__dirname, '../../resources'))
  })
})
