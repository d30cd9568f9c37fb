import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider } from './i18n/index.tsx';
import { AuthProvider } from './api/auth.tsx';
import { App } from './App.tsx';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api/query.ts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
