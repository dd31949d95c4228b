/** `@mecport/upf-adapters`: the data-plane adapter interface (adapters come with issue 12). */
export type { TAdapterCapabilities, TInstanceRules, TRuleResult, TUpfAdapter, TUpfAdapterKind } from './upf-adapter';
