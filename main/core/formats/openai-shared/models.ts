// The OpenAI model list both OpenAI formats serve and read: GET /v1/models, `{object:"list", data:[…]}`.
import { readModelIds } from '../common/model-ids';
import type { ModelListSpec } from '../common/spec';

const CREATED_S = Date.parse('2025-01-01T00:00:00Z') / 1000;

export const openAiModelList: ModelListSpec = {
  path: '/v1/models',
  shape: 'openai',
  vendor: 'openai',
  parseIds: readModelIds,
  render: (ids) =>
    Buffer.from(
      JSON.stringify({
        object: 'list',
        data: ids.map((id) => ({ id, object: 'model', created: CREATED_S, owned_by: 'cchub' })),
      }),
    ),
};
