// Types for node-flags.mjs (imported by the tests).
export declare const HUB_NODE_FLAGS: readonly string[];
