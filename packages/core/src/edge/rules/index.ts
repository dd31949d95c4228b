/**
 * Traffic and DNS rules of app instances (issue 12), the portal's one owner of the rule model:
 * - the MEC 010-2 AppD -> MEC 011 projection (an instance's initial rules) and an instance's current rules;
 */
export * from './appd-rules';
export * from './instance-rules';
