// Where the repository keeps LiteLLM's price table that resources/prices.json is built from (vendor/litellm).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LITELLM_SOURCE_PATH = path.join(REPO_ROOT, 'vendor', 'litellm', 'litellm-model-prices.json');
