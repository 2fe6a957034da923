// Exit codes of `profile apply`, next to the common ones in exit-codes.ts (which scripts already rely on).

/** Exit codes of `profile apply` beyond the common ones (exit-codes.ts). */
export const PROFILE_EXIT = {
  /** Some units failed (their changes were rolled back) or were cancelled. */
  someFailed: 8,
  /** Some unit could not be put back after a failure: look at it before it goes out. */
  needsAttention: 9,
  /** BSD sysexits EX_DATAERR: the profile file is not a valid profile. */
  invalidProfile: 65
} as const

export const PROFILE_EXIT_HELP = `Exit codes of profile apply:
  0   every unit done and verified
  8   some units failed (their changes were rolled back) or were cancelled
  9   some unit could not be put back after a failure: check it by hand
  65  the profile file is not a valid profile (each problem is printed with its path)`
