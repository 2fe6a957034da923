// Loopback stand-ins for the three carrier portals the first flows cover. Tests point the host's
// portalOverrides at them (e.g. { 'mobile-internet': tmobile.baseUrl }), so nothing reaches a real carrier.
export { PortalSimulatorApp, type PortalSimulatorOptions, type PortalVariant } from './portal-app'
export { TMOBILE_ACCOUNTS, TMOBILE_MESSAGES, TMOBILE_REFILL_PINS, TmobilePortalSimulator, type TmobileAccount, type TmobileLine } from './tmobile'
export { IIJMIO_DEFAULT_PIN, IIJMIO_MEMBER, IIJMIO_MESSAGES, IijmioPortalSimulator } from './iijmio'
export { RAKUTEN_MEMBERS, RAKUTEN_MEMBERS_STATION, RAKUTEN_MESSAGES, RAKUTEN_SHORTCUTS, RakutenPortalSimulator, type RakutenLineState, type RakutenMember } from './rakuten'

/** Which pack portal each simulator stands in for. */
export const PORTAL_SIMULATOR_FOR = {
  'mobile-internet': 'tmobile',
  member: 'iijmio',
  'my-rakuten-mobile': 'rakuten'
} as const
