// The one contract between the UI and the core host. Schemas are the single source; types are inferred.
export * from './errors'
export * from './version'
export * from './model'
export * from './methods'
export * from './events'
export * from './wire'
