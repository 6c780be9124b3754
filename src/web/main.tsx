// first: before any module builds a zod schema
import './csp.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { getLang, storeLang } from './i18n-store.ts';
import './styles.css';

// Write the language back so the cookie the server reads always matches what the user sees.
storeLang(getLang());

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
