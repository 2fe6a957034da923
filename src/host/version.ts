// The app version, injected at build time for bundles and read from package.json otherwise.
import packageJson from '../../package.json'

export const APP_VERSION: string = packageJson.version
