export * from './upf-adapter';
export { capabilitiesOf } from './capabilities';
export { MemoryAdapter } from './memory/memory-adapter';
export { createUpfAdapter, type TAdapterDeps } from './create-upf-adapter';
export { NftablesAdapter, ZNftablesSettings, type TNftablesSettings } from './nftables';
// The nef and camara adapters themselves load through createUpfAdapter (only on nodes that use them).
export { ZNefSettings, NEF_SECRET_VARIABLE, type TNefSettings } from './nef/nef-settings';
export { upPathChangeHandler, parseUpPathChange, type TUpPathChange } from './nef/up-path-change';
export { ZCamaraSettings, CAMARA_SECRET_VARIABLE, type TCamaraSettings } from './camara/camara-settings';
