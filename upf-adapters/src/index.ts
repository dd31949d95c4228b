export * from './upf-adapter';
export { capabilitiesOf } from './capabilities';
export { MemoryAdapter } from './memory/memory-adapter';
export { createUpfAdapter, type TAdapterDeps } from './create-upf-adapter';
export { NftablesAdapter, ZNftablesSettings, type TNftablesSettings } from './nftables';
