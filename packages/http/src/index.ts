export * from './auth';
export * from './define-route';
export * from './logger';
export * from './openapi';
export * from './parse-input';
export * from './problem-response';
export * from './request-id';
export * from './token-verifier';
