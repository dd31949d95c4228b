/** Who is calling: the verified token's identity mapped to a profile and tenant (`TActor`), the caller's own view and preferences, and the IdP sessions that ended (back-channel logout). */
export * from './actor';
export * from './me';
export * from './ended-sessions';
export * from './recent-profiles';
