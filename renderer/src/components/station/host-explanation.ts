// Words for a Station request the host refused as a whole. UNSUPPORTED on a list or a job start means the
// host has no station (an older host), not that a device lacks a feature — the code's general wording
// would send the user to the device's firmware.
import type { ContractErrorData } from '@contract/errors'
import { useI18n } from 'vue-i18n'

export function useHostExplanation() {
  const { t } = useI18n()
  return (error: ContractErrorData | null | undefined) =>
    error?.code === 'UNSUPPORTED' ? { title: t('station.unavailable.title'), hint: t('station.unavailable.hint') } : null
}
