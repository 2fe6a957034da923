// The device families this build knows. Discovery and the host pick from here.
import { DriverRegistry } from './driver'
import { huaweiHilinkFamily } from './families/huawei-hilink'
import { inseegoFamily } from './families/inseego'
import { netgearFamily } from './families/netgear'

export function createDefaultRegistry(): DriverRegistry {
  return new DriverRegistry().register(huaweiHilinkFamily).register(netgearFamily).register(inseegoFamily)
}
