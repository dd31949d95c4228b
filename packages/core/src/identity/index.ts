/** Who is calling: the verified token's identity mapped to a profile and tenant (`TActor`), and the caller's own view and preferences. */
export * from './actor';
export * from './me';
