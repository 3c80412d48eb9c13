// The console's entry point: the style renderer gets the page's CSP nonce, then the app mounts.
import { createDOMRenderer } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { readCspNonce } from './app/csp';

const nonce = readCspNonce(document);
const renderer = createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : {});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App renderer={renderer} />
    </StrictMode>,
  );
