/** Where the end-to-end stack runs: ports and data apart from a developer's own `npm start`. */
export const E2E = {
  portalPort: 3100,
  idpPort: 3101,
  /** The edge gateway (the agents' routes; a developer's own npm start uses 3002). */
  gatewayPort: 3105,
  /** The sandbox host's control API (a developer's own npm start uses 3003). */
  sandboxHostPort: 3106,
  /** Second portals some tests start beside the stack, each on a port of its own (a shared one answered another process's health check). */
  restartPortalPort: 3102,
  reliabilityPortalPort: 3103,
  basemapPortalPort: 3104,
  pmtilesPortalPort: 3107,
  pgPort: 54349,
  /** The demo agent's Mp1 port (a developer's own npm start uses 8581). */
  agentMp1Port: 8681,
  /** The demo agent's DNS server on 127.0.0.1 (a developer's own npm start uses 8553). */
  agentDnsPort: 8653,
  dataDir: '.data/e2e',
  get portalUrl() { return `http://localhost:${this.portalPort}`; },
  get gatewayUrl() { return `http://localhost:${this.gatewayPort}`; },
  get issuer() { return `http://localhost:${this.idpPort}`; },
} as const;
