// Text and SMS codecs for AT modems: GSM 7-bit (23.038), UCS2 hex, USSD packing quirks, SMS PDUs (23.040).
export * from './concat'
export * from './gsm7'
export * from './hex'
export * from './sms-pdu'
export * from './sms-submit'
export * from './ucs2'
export * from './ussd'
