// The normalized state a driver fills. The shapes are the contract's DTOs (one source of truth);
// a DeviceReading is a DeviceStatus without the host's bookkeeping (device id, timestamp).
import type { DeviceStatus } from '../contract/model'

export type {
  ApnDraft,
  ApnProfile,
  Battery,
  Capability,
  Connection,
  DataSession,
  Identity,
  Registration,
  Signal,
  Sim,
  SmsMessage,
  SmsStorage,
  Usage,
  UssdReply,
  WifiSettings
} from '../contract/model'

export type DeviceReading = Omit<DeviceStatus, 'deviceId' | 'updatedAt'>
