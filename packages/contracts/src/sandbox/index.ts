/** `@mecport/contracts/sandbox`: the MEC sandbox's models (issue 13), a subpath so the sandbox host and the agent load only these. */
export * from './scenario';
export * from './world';
export * from './sandbox-api';
export * from './host-control';
