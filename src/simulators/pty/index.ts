// Virtual serial links for simulated modems: a socat PTY pair (Linux/macOS) or serialport's MockBinding.
export { closeAllSocatPairs, isSocatAvailable, openSocatPair, SocatMissingError } from './socat-pair'
export type { SocatPair, SocatPairOptions } from './socat-pair'
export { createMockModemPort, MockModemPort } from './mock-port'
