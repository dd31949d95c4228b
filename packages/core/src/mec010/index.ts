export * from './app-pkg-info';
export * from './query';
export * from './app-packages';
export * from './package-content';
