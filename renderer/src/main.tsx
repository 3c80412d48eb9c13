// The admin console's entry point (the full console is built on this shell).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main>
      <h1>cchub</h1>
      <p>The admin console is on its way; the REST API is at /api/v1 (OpenAPI: /api/v1/openapi.json).</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
