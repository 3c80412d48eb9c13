// Types for node-version.js (imported by the tests).
export declare const REQUIRED_NODE: string;
export declare function nodeVersionProblem(version: string, required?: string): string | undefined;
export declare function exitUnlessSupportedNode(): void;
