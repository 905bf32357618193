/** The domain vocabulary shared by schema, views and exports. */
export * from './areas';
export * from './periods';
export * from './polarity';
