// The device families this build knows. Discovery and the host pick from here.
import { DriverRegistry } from './driver'
import { huaweiHilinkFamily } from './families/huawei-hilink'

export function createDefaultRegistry(): DriverRegistry {
  return new DriverRegistry().register(huaweiHilinkFamily)
}
