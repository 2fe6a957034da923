// The device families this build knows. Discovery and the host pick from here.
import { DriverRegistry } from './driver'
import { genericAtFamily } from './families/generic-at'
import { huaweiHilinkFamily } from './families/huawei-hilink'
import { inseegoFamily } from './families/inseego'
import { netgearFamily } from './families/netgear'
import { zteGoformFamily } from './families/zte-goform'

export function createDefaultRegistry(): DriverRegistry {
  return new DriverRegistry()
    .register(huaweiHilinkFamily)
    .register(zteGoformFamily)
    .register(netgearFamily)
    .register(inseegoFamily)
    .register(genericAtFamily)
}
