// Locale-aware formatting for components: numbers, bytes, times in the current UI language.
import { useI18n } from 'vue-i18n'
import type { ContractErrorData } from '@contract/errors'
import { formatBytes, formatNumber, formatPercent, formatRate } from '@renderer/format/bytes'

export function useFormat() {
  const { locale } = useI18n()
  return {
    bytes: (value: number) => formatBytes(value, locale.value),
    rate: (value: number) => formatRate(value, locale.value),
    percent: (fraction: number) => formatPercent(fraction, locale.value),
    number: (value: number, maximumFractionDigits = 1) => formatNumber(value, locale.value, maximumFractionDigits),
    time: (epochMs: number) => new Intl.DateTimeFormat(locale.value, { timeStyle: 'medium' }).format(epochMs),
    /** An ISO 8601 date-time from a device, in the UI language; the device's own text when unreadable. */
    dateTime: (iso: string) => {
      const epochMs = Date.parse(iso)
      if (Number.isNaN(epochMs)) return iso
      return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs)
    }
  }
}

/** A contract error as a title and a next step the user can act on (Etcher-style). */
export function useErrorText() {
  const { t } = useI18n()
  return (error: ContractErrorData) => ({
    title: t(`errors.${error.code}.title`),
    hint: t(`errors.${error.code}.hint`)
  })
}
