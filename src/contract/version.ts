// Bumped when a change to the contract would break an older client or host.
// app.hello refuses a client whose major version differs.
export const CONTRACT_VERSION = 1
