/** The audit trail: entries written in the transaction of the change they record, read per tenant, pruned by age. */
export * from './record';
export * from './query';
export * from './prune';
